import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimTicket } from './data/model';
import { type Simulator, startSimulator } from './server';
import { type SimResponse, signIn, simFetch } from './testing/client';

const FD = 'acme.freshdesk.com';
let sim: Simulator;
let ada: string;
let ben: string;

interface Ticket {
  id: number;
  status: number;
  requester_id: number;
  group_id: number | null;
  responder_id: number | null;
}

const get = (path: string, cookie: string): Promise<SimResponse> => simFetch(sim, FD, path, { cookie });
const userId = (email: string): string => sim.data.userByEmail(FD, email)?.id ?? '';
const tickets = (): SimTicket[] => [...sim.data.account(FD).tickets.values()];
const search = (query: string, cookie: string) =>
  get(`/api/v2/search/tickets?query=${encodeURIComponent(`"${query}"`)}`, cookie);

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, size: 'demo' });
  ada = await signIn(sim, FD);
  ben = await signIn(sim, FD, 'ben@acme.test');
});
afterAll(() => sim.close());

describe('Freshdesk ticket_scope: group-scoped agents see part of the tickets (issue 16)', () => {
  it('agents/me says the scope; a group-scoped agent lists, searches and reads only their groups’ and own tickets', async () => {
    sim.control.setTicketScope(FD, 'ben@acme.test', 2);
    const benUser = sim.data.userByEmail(FD, 'ben@acme.test');
    const visible = (t: SimTicket) =>
      t.assigneeId === benUser?.id || (t.groupId !== null && (benUser?.groupIds ?? []).includes(t.groupId));
    expect((await get('/api/v2/agents/me', ben)).json<{ ticket_scope: number }>().ticket_scope).toBe(2);
    expect((await get('/api/v2/agents/me', ada)).json<{ ticket_scope: number }>().ticket_scope).toBe(1);

    const sample = sim.data.sampleTicket('freshdesk');
    const since = 'updated_since=2000-01-01T00:00:00Z&per_page=100';
    const all = (await get(`/api/v2/tickets?requester_id=${sample.requesterId}&${since}`, ada)).json<
      Ticket[]
    >();
    const seen = (await get(`/api/v2/tickets?requester_id=${sample.requesterId}&${since}`, ben)).json<
      Ticket[]
    >();
    const expected = tickets().filter((t) => t.requesterId === sample.requesterId && !t.archived);
    expect(all.map((t) => String(t.id)).sort()).toEqual(expected.map((t) => t.id).sort());
    expect(seen.map((t) => String(t.id)).sort()).toEqual(
      expected
        .filter(visible)
        .map((t) => t.id)
        .sort(),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(all.length);

    const hidden = expected.find((t) => !visible(t));
    const denied = await get(`/api/v2/tickets/${hidden?.id}`, ben);
    expect(denied.status).toBe(403);
    expect(denied.json()).toEqual({
      code: 'access_denied',
      message: 'You are not authorized to perform this action.',
    });
    expect((await get(`/api/v2/tickets/${hidden?.id}`, ada)).status).toBe(200);

    const found = (await search('status:2 OR status:3 OR status:4 OR status:5', ben)).json<{
      results: Ticket[];
      total: number;
    }>();
    const live = tickets().filter((t) => !t.archived && ['2', '3', '4', '5'].includes(t.status));
    expect(found.total).toBe(live.filter(visible).length);
    sim.control.setTicketScope(FD, 'ben@acme.test', 1);
  });

  it('a restricted agent (scope 3) sees only the tickets assigned to them', async () => {
    sim.control.setTicketScope(FD, 'ben@acme.test', 3);
    const mine = (await get('/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&per_page=100', ben)).json<
      Ticket[]
    >();
    expect(mine.every((t) => String(t.responder_id) === userId('ben@acme.test'))).toBe(true);
    sim.control.setTicketScope(FD, 'ben@acme.test', 1);
  });
});

describe('Freshdesk list: requester_id with updated_since, switchable (issue 16)', () => {
  it("'combine' (default) keeps the requester filter; 'ignore-requester' lists every ticket updated since", async () => {
    const sample = sim.data.sampleTicket('freshdesk');
    const path = `/api/v2/tickets?requester_id=${sample.requesterId}&updated_since=2000-01-01T00:00:00Z&per_page=100`;
    const combined = (await get(path, ada)).json<Ticket[]>();
    expect(combined.every((t) => String(t.requester_id) === sample.requesterId)).toBe(true);
    sim.control.setRequesterWithUpdatedSince('ignore-requester');
    try {
      const dropped = (await get(path, ada)).json<Ticket[]>();
      expect(dropped.some((t) => String(t.requester_id) !== sample.requesterId)).toBe(true);
      // Without updated_since the requester filter still applies (and the 30-day window).
      const plain = (await get(`/api/v2/tickets?requester_id=${sample.requesterId}`, ada)).json<Ticket[]>();
      expect(plain.every((t) => String(t.requester_id) === sample.requesterId)).toBe(true);
    } finally {
      sim.control.setRequesterWithUpdatedSince('combine');
    }
  });

  it('archived tickets are in neither the list nor search, only at tickets/archived/:id', async () => {
    const archived = tickets().find((t) => t.archived);
    if (!archived) throw new Error('the demo data has archived tickets');
    const listed = (
      await get(
        `/api/v2/tickets?requester_id=${archived.requesterId}&updated_since=2000-01-01T00:00:00Z`,
        ada,
      )
    ).json<Ticket[]>();
    expect(listed.map((t) => String(t.id))).not.toContain(archived.id);
    expect((await get(`/api/v2/tickets/archived/${archived.id}`, ada)).status).toBe(200);
  });
});

describe('Freshdesk custom statuses: one that means resolved (issue 16)', () => {
  it('ticket_fields shows a custom status of the solved category to customers as Resolved', async () => {
    sim.control.addCustomStatus(FD, { id: '10', category: 'solved', agentLabel: 'Solved by bot' });
    const fields = (await get('/api/v2/ticket_fields', ada)).json<
      { name: string; choices: Record<string, string[]> }[]
    >();
    const status = fields.find((f) => f.name === 'status');
    expect(status?.choices['10']).toEqual(['Solved by bot', 'This ticket has been Resolved']);
    expect(status?.choices['4']?.[1]).toBe('This ticket has been Resolved');
    expect(status?.choices['6']).toEqual(['Waiting on Customer', 'Waiting on Customer']);
    const ticket = sim.data.sampleTicket('freshdesk');
    sim.control.setStatus(ticket, '10');
    expect((await get(`/api/v2/tickets/${ticket.id}`, ada)).json<Ticket>().status).toBe(10);
  });
});
