import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimTicket } from './data/model';
import { type Simulator, startSimulator } from './server';
import { basic, type SimResponse, signIn, simFetch } from './testing/client';

const FD = 'acme.freshdesk.com';
let sim: Simulator;
let cookie: string;
let sample: SimTicket;

interface Ticket {
  id: number;
  status: number;
  tags: string[];
  created_at: string;
}

const get = (path: string): Promise<SimResponse> => simFetch(sim, FD, path, { cookie });
const send = (method: string, path: string, body: unknown): Promise<SimResponse> =>
  simFetch(sim, FD, path, { method, body, cookie });
const live = (): SimTicket[] => [...sim.data.account(FD).tickets.values()].filter((t) => !t.archived);

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, size: 'bench' });
  cookie = await signIn(sim, FD);
  sample = sim.data.sampleTicket('freshdesk');
});
afterAll(() => sim.close());

describe('Freshdesk auth and agents', () => {
  it('agents/me is the signed-in agent; agents/:id another one', async () => {
    const me = (await get('/api/v2/agents/me')).json<{ id: number; contact: { email: string } }>();
    expect(me.contact.email).toBe('ada@acme.test');
    const ben = sim.data.userByEmail(FD, 'ben@acme.test');
    const other = (await get(`/api/v2/agents/${ben?.id}`)).json<{ group_ids: number[] }>();
    expect(other.group_ids.map(String)).toEqual(ben?.groupIds);
  });

  it('accepts an agent API key as KEY:X and answers bad credentials with the documented 401', async () => {
    const ben = sim.data.userByEmail(FD, 'ben@acme.test');
    const ok = await simFetch(sim, FD, '/api/v2/agents/me', {
      headers: { authorization: basic(ben?.apiKey ?? '', 'X') },
    });
    expect(ok.json<{ contact: { email: string } }>().contact.email).toBe('ben@acme.test');
    const bad = await simFetch(sim, FD, '/api/v2/agents/me', {
      headers: { authorization: basic('wrong-key', 'X') },
    });
    expect(bad.status).toBe(401);
    expect(bad.json()).toEqual({
      code: 'invalid_credentials',
      message: 'You have to be logged in to perform this action.',
    });
    const none = await simFetch(sim, FD, '/api/v2/agents/me');
    expect(none.status).toBe(401);
  });

  it('answers a missing record with an empty 404', async () => {
    const res = await get('/api/v2/tickets/987654321');
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
  });

  it('can require a CSRF token on session writes, with a configurable status', async () => {
    sim.control.setCsrf('freshdesk', { required: true, status: 401 });
    const refused = await send('POST', `/api/v2/tickets/${sample.id}/notes`, { body: 'x' });
    expect(refused.status).toBe(401);
    const meta = await get('/api/_/bootstrap/me');
    const token = meta.json<{ meta: { csrf_token: string } }>().meta.csrf_token;
    const page = await simFetch(sim, FD, `/a/tickets/${sample.id}`, { cookie });
    expect(page.body).toContain(`content="${token}"`);
    const ok = await simFetch(sim, FD, `/api/v2/tickets/${sample.id}/notes`, {
      method: 'POST',
      body: { body: 'x' },
      cookie,
      headers: { 'x-csrf-token': token },
    });
    expect(ok.status).toBe(201);
    sim.control.setCsrf('freshdesk', { required: false, status: 403 });
  });
});

describe('Freshdesk tickets', () => {
  it('include=conversations gives at most 10, oldest first; requester and stats on request', async () => {
    const long = live().find((t) => sim.data.thread(t).comments.length > 15) as SimTicket;
    const body = (await get(`/api/v2/tickets/${long.id}?include=conversations,requester,stats`)).json<{
      conversations: { id: number; created_at: string }[];
      requester: { id: number; email: string };
      stats: Record<string, unknown>;
    }>();
    expect(body.conversations).toHaveLength(10);
    const all = sim.data.comments(FD, long.id).slice(1, 11);
    expect(body.conversations.map((c) => String(c.id))).toEqual(all.map((c) => c.id));
    expect(String(body.requester.id)).toBe(long.requesterId);
    expect(Object.keys(body.stats)).toContain('first_responded_at');
    const plain = (await get(`/api/v2/tickets/${long.id}`)).json<object>();
    expect(plain).not.toHaveProperty('conversations');
  });

  it('charges credits per include in X-RateLimit-Used-CurrentRequest', async () => {
    const res = await get(`/api/v2/tickets/${sample.id}?include=conversations,requester`);
    expect(res.headers['x-ratelimit-used-currentrequest']).toBe('5');
    expect(res.headers['x-ratelimit-total']).toBeDefined();
    expect(res.headers['x-ratelimit-remaining']).toBeDefined();
  });

  it('conversations: every reply and note after the description, paged by Link header', async () => {
    const long = live().find((t) => sim.data.thread(t).comments.length > 40) as SimTicket;
    const first = await get(`/api/v2/tickets/${long.id}/conversations?per_page=30`);
    expect(Array.isArray(first.json())).toBe(true);
    expect(first.headers.link).toMatch(/page=2.*rel="next"/);
    const ids: number[] = [];
    let path: string | null = `/api/v2/tickets/${long.id}/conversations?per_page=30`;
    while (path) {
      const res = await get(path);
      ids.push(...res.json<{ id: number }[]>().map((c) => c.id));
      const next = /<https:\/\/[^/]+([^>]+)>; rel="next"/.exec(res.headers.link ?? '');
      path = next ? (next[1] as string) : null;
    }
    expect(ids.map(String)).toEqual(
      sim.data
        .comments(FD, long.id)
        .slice(1)
        .map((c) => c.id),
    );
  });

  it('tickets?requester_id= shows only the last 30 days unless updated_since is given; archived never', async () => {
    const requester = sample.requesterId;
    const all = sim.data.requesterTickets(FD, requester);
    const recent = (await get(`/api/v2/tickets?requester_id=${requester}`)).json<Ticket[]>();
    const cutoff = Date.now() - 30 * 86_400_000;
    expect(recent.length).toBe(all.filter((t) => !t.archived && Date.parse(t.createdAt) >= cutoff).length);
    expect(recent.length).toBeLessThan(all.length);
    const full = (
      await get(`/api/v2/tickets?requester_id=${requester}&updated_since=2000-01-01T00:00:00Z&per_page=100`)
    ).json<Ticket[]>();
    expect(full.map((t) => String(t.id)).sort()).toEqual(
      all
        .filter((t) => !t.archived)
        .map((t) => t.id)
        .sort(),
    );
    expect(full[0]).not.toHaveProperty('description');
    expect(Date.parse(full[0]?.created_at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(full.at(-1)?.created_at ?? ''),
    );
  });

  it('pages a 5,000-ticket requester through Link headers only; per_page > 100 and page > 300 are 400', async () => {
    const bulk = sim.data.userByEmail(FD, 'bea.bulk@customer.test');
    const base = `/api/v2/tickets?requester_id=${bulk?.id}&updated_since=2000-01-01T00:00:00Z&per_page=100`;
    const page1 = await get(base);
    expect(page1.json<Ticket[]>()).toHaveLength(100);
    expect(page1.headers.link).toContain('page=2');
    const liveCount = sim.data.requesterTickets(FD, bulk?.id ?? '').filter((t) => !t.archived).length;
    const lastPage = Math.ceil(liveCount / 100);
    const last = await get(`${base}&page=${lastPage}`);
    expect(last.headers.link).toBeUndefined();
    expect(last.json<Ticket[]>().length).toBe(liveCount - (lastPage - 1) * 100);
    const tooBig = await get(`/api/v2/tickets?requester_id=${bulk?.id}&per_page=101`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.json<{ errors: { field: string; code: string }[] }>().errors[0]).toMatchObject({
      field: 'per_page',
      code: 'invalid_value',
    });
    expect((await get(`${base}&page=301`)).status).toBe(400);
  });

  it('archived tickets: 404 on /tickets/:id, served by /tickets/archived/:id, absent from lists and search', async () => {
    const archived = sim.data.requesterTickets(FD, sample.requesterId).find((t) => t.archived) as SimTicket;
    expect((await get(`/api/v2/tickets/${archived.id}`)).status).toBe(404);
    const found = await get(`/api/v2/tickets/archived/${archived.id}`);
    expect(found.json<{ id: number }>().id).toBe(Number(archived.id));
    expect((await get(`/api/v2/tickets/archived/${archived.id}/conversations`)).status).toBe(200);
    const search = (
      await get(`/api/v2/search/tickets?query=${encodeURIComponent(`"requester_id:${sample.requesterId}"`)}`)
    ).json<{ results: Ticket[] }>();
    expect(search.results.map((t) => String(t.id))).not.toContain(archived.id);
  });

  it('has custom statuses (≥ 6) in tickets and in ticket_fields', async () => {
    const custom = live().filter((t) => Number(t.status) >= 6);
    expect(custom.length).toBeGreaterThan(0);
    const one = (await get(`/api/v2/tickets/${custom[0]?.id}`)).json<Ticket>();
    expect(one.status).toBeGreaterThanOrEqual(6);
    const fields = (await get('/api/v2/ticket_fields')).json<
      { name: string; choices?: Record<string, string[]> }[]
    >();
    const status = fields.find((f) => f.name === 'status');
    expect(Object.keys(status?.choices ?? {})).toEqual(expect.arrayContaining(['6', '7', '8', '9']));
  });
});

describe('Freshdesk writes', () => {
  it('POST notes answers 201 with the note; private by default; body is required', async () => {
    const res = await send('POST', `/api/v2/tickets/${sample.id}/notes`, { body: '<div>Owner: Ada</div>' });
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({
      private: true,
      body_text: 'Owner: Ada',
      ticket_id: Number(sample.id),
    });
    const missing = await send('POST', `/api/v2/tickets/${sample.id}/notes`, { private: true });
    expect(missing.status).toBe(400);
    expect(missing.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('missing_field');
    const unknown = await send('POST', `/api/v2/tickets/${sample.id}/notes`, { body: 'x', colour: 'red' });
    expect(unknown.json()).toEqual({
      description: 'Validation failed',
      errors: [{ field: 'colour', message: 'Unexpected/invalid field in request', code: 'invalid_field' }],
    });
  });

  it('PUT replaces tags and validates custom fields', async () => {
    const ticket = live().find((t) => t.id !== sample.id && t.tags.length > 0) as SimTicket;
    const res = await send('PUT', `/api/v2/tickets/${ticket.id}`, {
      tags: ['frontline_credit'],
      custom_fields: { cf_credit_amount: 25 },
    });
    expect(res.status).toBe(200);
    expect(res.json<Ticket>().tags).toEqual(['frontline_credit']);
    expect(sim.data.ticket(FD, ticket.id)?.customFields.cf_credit_amount).toBe(25);
    const bad = await send('PUT', `/api/v2/tickets/${ticket.id}`, {
      custom_fields: { cf_refund_reason: 'whim' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(
      /^It should be one of these values: '/,
    );
  });
});

describe('Freshdesk contacts, groups and search', () => {
  it('contacts/:id and groups (a bare array)', async () => {
    const contact = (await get(`/api/v2/contacts/${sample.requesterId}`)).json<{ email: string }>();
    expect(contact.email).toBe('maya@customer.test');
    const groups = (await get('/api/v2/groups')).json<{ name: string; agent_ids: number[] }[]>();
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['Tier 2', 'Billing escalations']));
  });

  it('search/tickets: quoted query, 30 a page, pages 1-10, {results,total}', async () => {
    const q = (query: string, page = 1): Promise<SimResponse> =>
      get(`/api/v2/search/tickets?query=${encodeURIComponent(query)}&page=${page}`);
    const open = await q('"status:2 OR status:3"');
    const body = open.json<{ results: Ticket[]; total: number }>();
    expect(body.results).toHaveLength(30);
    expect(body.total).toBe(live().filter((t) => t.status === '2' || t.status === '3').length);
    expect(open.headers.link).toBeUndefined();
    expect((await q('status:2')).status).toBe(400);
    expect((await q('"status:2"', 11)).status).toBe(400);
    const tagged = (await q('"tag:\'refund\' AND priority:>3"')).json<{ total: number }>();
    expect(tagged.total).toBe(
      live().filter((t) => t.tags.includes('refund') && (t.priority === 'high' || t.priority === 'urgent'))
        .length,
    );
    const created = (await q(`"created_at:>'${sample.createdAt.slice(0, 10)}'"`)).json<{
      results: Ticket[];
    }>();
    expect(created.results.every((t) => t.created_at.slice(0, 10) >= sample.createdAt.slice(0, 10))).toBe(
      true,
    );
  });
});
