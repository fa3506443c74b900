import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultFlag } from './faults';
import { type Simulator, startSimulator } from './server';
import { type SimResponse, signIn, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';
let sim: Simulator;
let zd: string;
let fd: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 4, size: 'tiny' });
  zd = await signIn(sim, ZD);
  fd = await signIn(sim, FD);
});
afterEach(() => sim.control.reset());
afterAll(() => sim.close());

const ticketPath = (): string => `/api/v2/tickets/${sim.data.sampleTicket('zendesk').id}.json`;
const control = (path: string, body?: unknown, method = 'POST'): Promise<SimResponse> =>
  simFetch(sim, 'www.example.com', path, { method, body });

describe('rate limits', () => {
  it('Zendesk: per-plan limit, both header generations, 429 text/plain with Retry-After', async () => {
    sim.control.setPlan('team');
    let last: SimResponse | null = null;
    for (let i = 0; i < 201; i++) last = await simFetch(sim, ZD, ticketPath(), { cookie: zd });
    expect(last?.status).toBe(429);
    expect(last?.headers['content-type']).toContain('text/plain');
    expect(last?.body).toBe('Number of allowed API requests per minute exceeded');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.headers['x-rate-limit']).toBe('200');
    expect(last?.headers['ratelimit-remaining']).toBe('0');
    sim.control.setPlan('sim');
  });

  it('Freshdesk: X-RateLimit-* headers, includes cost credits, 429 with Retry-After', async () => {
    sim.control.setPlan('trial');
    const first = await simFetch(
      sim,
      FD,
      `/api/v2/tickets/${sim.data.sampleTicket('freshdesk').id}?include=requester`,
      { cookie: fd },
    );
    expect(first.headers['x-ratelimit-total']).toBe('50');
    expect(first.headers['x-ratelimit-remaining']).toBe('47');
    let last: SimResponse | null = null;
    for (let i = 0; i < 48; i++) last = await simFetch(sim, FD, '/api/v2/agents/me', { cookie: fd });
    expect(last?.status).toBe(429);
    expect(last?.headers['retry-after']).toMatch(/^\d+$/);
    sim.control.setPlan('sim');
  });

  it('does not count the agent pages’ private UI API', async () => {
    sim.control.setPlan('trial');
    for (let i = 0; i < 60; i++) await simFetch(sim, FD, '/api/_/bootstrap/me', { cookie: fd });
    expect((await simFetch(sim, FD, '/api/v2/agents/me', { cookie: fd })).status).toBe(200);
    sim.control.setPlan('sim');
  });
});

describe('faults', () => {
  it('429 with Retry-After, 500, 503 by route and method', async () => {
    sim.control.addFault({ route: '/api/v2/tickets/*', method: 'GET', kind: '429', retryAfter: 7, times: 1 });
    const limited = await simFetch(sim, ZD, ticketPath(), { cookie: zd });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect((await simFetch(sim, ZD, ticketPath(), { cookie: zd })).status).toBe(200);
    sim.control.addFault({ route: '/api/v2/agents/me', kind: '500' });
    expect((await simFetch(sim, FD, '/api/v2/agents/me', { cookie: fd })).status).toBe(500);
    sim.control.addFault({ route: '/api/v2/users/:id', kind: '503' });
    const ada = sim.data.userByEmail(ZD, 'ada@acme.test');
    expect((await simFetch(sim, ZD, `/api/v2/users/${ada?.id}.json`, { cookie: zd })).status).toBe(503);
  });

  it('malformed JSON and truncated bodies', async () => {
    sim.control.addFault({ route: '/api/v2/users/me*', kind: 'malformed', times: 1 });
    const bad = await simFetch(sim, ZD, '/api/v2/users/me.json', { cookie: zd });
    expect(bad.status).toBe(200);
    expect(() => JSON.parse(bad.body)).toThrow();
    sim.control.addFault({ route: '/api/v2/users/me*', kind: 'truncated', times: 1 });
    await expect(simFetch(sim, ZD, '/api/v2/users/me.json', { cookie: zd })).rejects.toThrow();
  });

  it('hangs until the client gives up', async () => {
    sim.control.addFault({ route: '/api/v2/groups*', kind: 'hang', times: 1 });
    const outcome = await Promise.race([
      simFetch(sim, ZD, '/api/v2/groups.json', { cookie: zd }).then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('still waiting'), 300)),
    ]);
    expect(outcome).toBe('still waiting');
  });

  it('fail at a rate, deterministically under the seed', async () => {
    const run = async (): Promise<number[]> => {
      const s = await startSimulator({ seed: 9, size: 'tiny' });
      const cookie = await signIn(s, ZD);
      s.control.addFault({ route: '/api/v2/users/me*', kind: '500', rate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push((await simFetch(s, ZD, '/api/v2/users/me.json', { cookie })).status);
      await s.close();
      return statuses;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it('parses the CLI fault form', () => {
    expect(parseFaultFlag('GET /api/v2/tickets/*=429@0.25,retry=3,times=2')).toEqual({
      route: '/api/v2/tickets/*',
      method: 'GET',
      kind: '429',
      rate: 0.25,
      retryAfter: 3,
      times: 2,
      host: undefined,
    });
    expect(() => parseFaultFlag('/x=explode')).toThrow();
  });
});

describe('latency and the request log', () => {
  it('adds fixed latency plus jitter to each request', async () => {
    sim.control.setLatency(120, 30);
    const start = performance.now();
    await simFetch(sim, ZD, '/api/v2/users/me.json', { cookie: zd });
    const took = performance.now() - start;
    expect(took).toBeGreaterThanOrEqual(115);
    expect(took).toBeLessThan(600);
  });

  it('counts requests per route and resets', async () => {
    await simFetch(sim, ZD, ticketPath(), { cookie: zd });
    await simFetch(sim, ZD, ticketPath(), { cookie: zd });
    await simFetch(sim, FD, '/api/v2/agents/me', { cookie: fd });
    const log = (await control('/__sim/log', undefined, 'GET')).json<{
      counts: Record<string, number>;
      entries: { host: string; auth: string }[];
    }>();
    expect(log.counts['GET /api/v2/tickets/:id']).toBe(2);
    expect(log.counts['GET /api/v2/agents/me']).toBe(1);
    expect(log.entries[0]?.auth).toBe('session');
    await control('/__sim/log', undefined, 'DELETE');
    expect(sim.control.log().total).toBe(0);
  });
});

describe('the HTTP control endpoint', () => {
  it('sets latency, faults and plan over HTTP on any host', async () => {
    expect((await control('/__sim/latency', { ms: 5, jitterMs: 1 })).status).toBe(200);
    const added = await control('/__sim/faults', { route: '/api/v2/tickets/*', kind: '503' });
    expect(added.status).toBe(201);
    expect((await simFetch(sim, ZD, ticketPath(), { cookie: zd })).status).toBe(503);
    await control('/__sim/faults', undefined, 'DELETE');
    expect((await simFetch(sim, ZD, ticketPath(), { cookie: zd })).status).toBe(200);
    expect((await control('/__sim/faults', { route: '/x', kind: 'boom' })).status).toBe(400);
    expect(
      (await control('/__sim/plan', { plan: 'enterprise' })).json<{ settings: { plan: string } }>().settings
        .plan,
    ).toBe('enterprise');
  });

  it('adds a customer reply, a private note, a reassignment (with audit) and a status change', async () => {
    const ticket = sim.data.sampleTicket('zendesk');
    const key = { account: ZD, ticketId: ticket.id };
    await simFetch(sim, ZD, '/__sim/tickets/reply', {
      method: 'POST',
      body: { ticketId: ticket.id, body: 'Still broken' },
    });
    expect(sim.data.comments(ZD, ticket.id).at(-1)).toMatchObject({
      body: 'Still broken',
      public: true,
      incoming: true,
    });
    await control('/__sim/tickets/note', { ...key, body: 'Looking', agentEmail: 'ben@acme.test' });
    const note = sim.data.comments(ZD, ticket.id).at(-1);
    expect(note).toMatchObject({
      body: 'Looking',
      public: false,
      authorId: sim.data.userByEmail(ZD, 'ben@acme.test')?.id,
    });
    const moved = await control('/__sim/tickets/reassign', {
      ...key,
      groupName: 'Tier 2',
      assigneeEmail: 'ben@acme.test',
    });
    expect(moved.status).toBe(201);
    const audit = sim.data.audits(ZD, ticket.id).at(-1);
    expect(audit?.changes.map((c) => c.field)).toEqual(['group_id', 'assignee_id']);
    expect(sim.data.ticket(ZD, ticket.id)?.groupId).toBe(sim.data.groupByName(ZD, 'Tier 2')?.id);
    const api = await simFetch(sim, ZD, `/api/v2/tickets/${ticket.id}/audits.json`, { cookie: zd });
    const events = api
      .json<{ audits: { events: { field_name?: string; value?: unknown }[] }[] }>()
      .audits.at(-1)?.events;
    expect(events?.find((e) => e.field_name === 'assignee_id')?.value).toBe(
      sim.data.userByEmail(ZD, 'ben@acme.test')?.id,
    );
    await control('/__sim/tickets/status', { ...key, status: 'pending' });
    expect(sim.data.ticket(ZD, ticket.id)?.status).toBe('pending');
    expect(
      (await control('/__sim/tickets/note', { account: ZD, ticketId: '999999', body: 'x' })).status,
    ).toBe(400);
  });

  it('records billing webhooks and fails them on demand', async () => {
    expect((await control('/__sim/billing', { grant: 'g1', amount: 2500 })).status).toBe(200);
    await control('/__sim/billing/fail', { status: 503, times: 1 });
    expect((await control('/__sim/billing', { grant: 'g2' })).status).toBe(503);
    expect((await control('/__sim/billing', { grant: 'g2' })).status).toBe(200);
    const received = (await control('/__sim/billing', undefined, 'GET')).json<{
      received: { body: { grant: string } }[];
    }>();
    expect(received.received.map((r) => r.body.grant)).toEqual(['g1', 'g2']);
    expect(sim.control.billing.received()).toHaveLength(2);
  });

  it('lists its routes on an unknown control path', async () => {
    const res = await control('/__sim/nope', undefined, 'GET');
    expect(res.status).toBe(404);
    expect(res.json<{ routes: string[] }>().routes.length).toBeGreaterThan(5);
  });
});
