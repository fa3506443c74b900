import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server';
import { basic, type SimResponse, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';
const START = Date.parse('2026-03-02T09:00:00Z');
let time = START;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, size: 'tiny', clock: () => time });
});
afterAll(() => sim.close());

const fdAuth = (): Record<string, string> => {
  const ada = sim.data.userByEmail(FD, 'ada@acme.test');
  return { authorization: basic(ada?.apiKey ?? '', 'X') };
};
const zdAuth = (email = 'ada@acme.test'): Record<string, string> => ({
  authorization: basic(`${email}/token`, sim.data.accountOf('zendesk').apiToken),
});
/** Tickets that take updates: not closed, not archived. */
const ticketIds = (helpdesk: 'zendesk' | 'freshdesk'): string[] =>
  [...sim.data.accountOf(helpdesk).tickets.values()]
    .filter((t) => !t.archived && !['closed', '5'].includes(t.status))
    .map((t) => t.id);

describe('simulator: Freshdesk hourly plans (Blossom/Garden/Estate/Forest)', () => {
  it('estate counts 5,000 an hour with X-RateLimit-* headers, and answers 429 with Retry-After 1500 once spent', async () => {
    time = START;
    sim.control.setPlan('estate');
    const path = `/api/v2/tickets/${ticketIds('freshdesk')[0]}`;
    const first = await simFetch(sim, FD, path, { headers: fdAuth() });
    expect(first.status).toBe(200);
    expect(first.headers['x-ratelimit-total']).toBe('5000');
    expect(first.headers['x-ratelimit-remaining']).toBe('4999');
    sim.control.spendQuota(FD, 4_999);
    time = START + 2_100_000;
    const over = await simFetch(sim, FD, path, { headers: fdAuth() });
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('1500');
    expect(over.json()).toEqual({ message: 'You have exceeded the limit of requests per hour' });
    time = START + 3_599_999;
    expect((await simFetch(sim, FD, path, { headers: fdAuth() })).status).toBe(429);
    time = START + 3_600_000;
    const fresh = await simFetch(sim, FD, path, { headers: fdAuth() });
    expect(fresh.status).toBe(200);
    expect(fresh.headers['x-ratelimit-remaining']).toBe('4999');
    sim.control.setPlan('sim');
  });
});

describe('simulator: Zendesk per-ticket update limit', () => {
  const update = (id: string, email?: string): Promise<SimResponse> =>
    simFetch(sim, ZD, `/api/v2/tickets/${id}.json`, {
      method: 'PUT',
      headers: zdAuth(email),
      body: { ticket: { comment: { body: 'note', public: false } } },
    });

  it('is off by default', async () => {
    time = START;
    sim.control.resetLimits();
    const [id] = ticketIds('zendesk');
    for (let i = 0; i < 31; i++) expect((await update(id ?? '')).status).toBe(200);
  });

  it('refuses the 31st update of one ticket by one user in 10 minutes with the real text and Retry-After 93, and nothing else', async () => {
    time = START;
    sim.control.resetLimits();
    sim.control.setTicketUpdateLimit(true);
    const [a, b] = ticketIds('zendesk');
    if (a === undefined || b === undefined) throw new Error('two open tickets expected');
    for (let i = 0; i < 30; i++) expect((await update(a)).status).toBe(200);
    time = START + 507_000;
    const refused = await update(a);
    expect(refused.status).toBe(429);
    expect(refused.body).toBe('Rate limit for ticket updates exceeded');
    expect(refused.headers['retry-after']).toBe('93');
    expect(Number(refused.headers['x-rate-limit-remaining'])).toBeGreaterThan(0);
    expect((await update(b)).status).toBe(200);
    expect((await update(a, 'ben@acme.test')).status).toBe(200);
    expect((await simFetch(sim, ZD, `/api/v2/tickets/${a}.json`, { headers: zdAuth() })).status).toBe(200);
    time = START + 600_000;
    expect((await update(a)).status).toBe(200);
    sim.control.setTicketUpdateLimit(false);
  });
});
