import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsFromDataSet } from './data/load';
import { type Simulator, startSimulator } from './server';
import { signIn, simFetch } from './testing/client';

const EXAMPLE = fileURLToPath(new URL('./examples/small-dataset.json', import.meta.url));
const HOST = 'replay.zendesk.com';
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ dataset: EXAMPLE });
});
afterAll(() => sim.close());

describe('the JSON data-set loader', () => {
  it('serves a replayed account: tickets, comments, archived rules and audits from `changes`', async () => {
    expect([...sim.data.accounts.keys()]).toEqual([HOST]);
    const cookie = await signIn(sim, HOST);
    const ticket = (await simFetch(sim, HOST, '/api/v2/tickets/102.json', { cookie })).json<{
      ticket: { subject: string; description: string; assignee_id: number };
    }>();
    expect(ticket.ticket.subject).toBe('Charged twice');
    expect(ticket.ticket.description).toBe('<script>alert(1)</script> charged twice');
    const requested = (
      await simFetch(sim, HOST, '/api/v2/users/5000000100/tickets/requested.json', { cookie })
    ).json<{ tickets: { id: number }[] }>();
    expect(requested.tickets.map((t) => t.id)).toEqual([102]);
    const audits = (await simFetch(sim, HOST, '/api/v2/tickets/102/audits.json', { cookie })).json<{
      audits: { events: { type: string; field_name?: string; value?: unknown }[] }[];
    }>();
    const changes = audits.audits.flatMap((a) => a.events).filter((e) => e.type === 'Change');
    expect(changes.map((c) => [c.field_name, c.value])).toEqual([
      ['group_id', '360000000002'],
      ['assignee_id', '5000000001'],
    ]);
    expect(sim.data.sampleTicket('zendesk').id).toBe('102');
  });

  it('keeps ids exact as strings and rejects ids it could not print exactly', () => {
    const me = sim.data.userByEmail(HOST, 'ada@acme.test');
    expect(me?.id).toBe('9007199254740000');
    const tooBig = {
      version: 1,
      accounts: [
        {
          host: 'x.zendesk.com',
          helpdesk: 'zendesk',
          groups: [],
          agents: [],
          customers: [{ id: 2 ** 60, name: 'n', email: 'e' }],
          tickets: [],
        },
      ],
    };
    expect(() => accountsFromDataSet(tooBig)).toThrow();
  });

  it('rejects dangling references and malformed sets with a clear message', () => {
    const dangling = {
      version: 1,
      accounts: [
        {
          host: 'y.freshdesk.com',
          helpdesk: 'freshdesk',
          groups: [],
          agents: [],
          customers: [],
          tickets: [{ id: 1, subject: 's', status: 2, requesterId: '42', createdAt: '2025-01-01T00:00:00Z' }],
        },
      ],
    };
    expect(() => accountsFromDataSet(dangling)).toThrow(/requester 42 is not in the data set/);
    expect(() => accountsFromDataSet({ version: 2, accounts: [] })).toThrow();
  });
});
