import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server';
import { basic, type SimResponse, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';
const START = Date.parse('2026-03-02T09:00:00Z');
let time = START;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, size: 'tiny', clock: () => time });
});
afterAll(() => sim.close());

const zdAuth = (email: string): Record<string, string> => ({
  authorization: basic(`${email}/token`, sim.data.accountOf('zendesk').apiToken),
});
const fdAuth = (email: string): Record<string, string> => ({
  authorization: basic(sim.data.userByEmail(FD, email)?.apiKey ?? '', 'X'),
});
const zdRead = (email = 'ada@acme.test'): Promise<SimResponse> =>
  simFetch(sim, ZD, '/api/v2/users/me.json', { headers: zdAuth(email) });
const fdRead = (email = 'ada@acme.test'): Promise<SimResponse> =>
  simFetch(sim, FD, '/api/v2/agents/me', { headers: fdAuth(email) });

/** A fresh window on `plan`, the clock back at the start. */
function freshPlan(plan: string): void {
  time = START;
  sim.control.setPlan(plan);
}

describe('simulator: the account-wide rate limit', () => {
  it('counts every client of an account in one window: Ada and Ben on Zendesk Enterprise share 700 a minute', async () => {
    freshPlan('enterprise');
    sim.control.spendQuota(ZD, 696);
    const ada = await zdRead('ada@acme.test');
    const ben = await zdRead('ben@acme.test');
    expect([ada.headers['x-rate-limit-remaining'], ben.headers['x-rate-limit-remaining']]).toEqual([
      '3',
      '2',
    ]);
    await zdRead('ada@acme.test');
    await zdRead('ben@acme.test');
    const over = await zdRead('ada@acme.test');
    expect(over.status).toBe(429);
    expect(over.body).toBe('Number of allowed API requests per minute exceeded');
    // Another account is a window of its own.
    expect((await fdRead()).status).toBe(200);
  });

  it.each([
    ['team', 200],
    ['growth', 400],
    ['professional', 400],
    ['enterprise', 700],
    ['high-volume', 2500],
    ['enterprise-plus', 2500],
  ])('Zendesk %s: %i a minute, in both generations of headers', async (plan, limit) => {
    freshPlan(plan);
    const answer = await zdRead();
    expect(answer.headers).toMatchObject({
      'x-rate-limit': String(limit),
      'x-rate-limit-remaining': String(limit - 1),
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(limit - 1),
      'ratelimit-reset': '60',
    });
  });

  it.each([
    ['trial', 50],
    ['growth', 200],
    ['pro', 400],
    ['enterprise', 700],
    ['estate', 5000],
  ])(
    'Freshdesk %s: %i a window, X-RateLimit-Total/Remaining/Used-CurrentRequest, no reset',
    async (plan, limit) => {
      freshPlan(plan);
      const answer = await fdRead();
      expect(answer.headers).toMatchObject({
        'x-ratelimit-total': String(limit),
        'x-ratelimit-remaining': String(limit - 1),
        'x-ratelimit-used-currentrequest': '1',
      });
      expect(answer.headers['ratelimit-reset']).toBeUndefined();
    },
  );

  it('runs on the simulator’s clock: the reset counts down and a new window starts a minute on', async () => {
    freshPlan('team');
    await zdRead();
    time = START + 45_000;
    expect((await zdRead()).headers).toMatchObject({ 'ratelimit-reset': '15', 'ratelimit-remaining': '198' });
    time = START + 60_000;
    expect((await zdRead()).headers).toMatchObject({ 'ratelimit-reset': '60', 'ratelimit-remaining': '199' });
  });

  it('Freshdesk Growth refuses the 81st ticket update of a minute (its own sub-limit), while reads go on', async () => {
    freshPlan('growth');
    const ids = [...sim.data.accountOf('freshdesk').tickets.values()]
      .filter((t) => !t.archived && t.status !== '5')
      .map((t) => t.id);
    const id = ids[0] ?? '';
    const update = () =>
      simFetch(sim, FD, `/api/v2/tickets/${id}`, {
        method: 'PUT',
        headers: fdAuth('ada@acme.test'),
        body: { tags: ['frontline_credit'] },
      });
    for (let i = 0; i < 80; i++) expect((await update()).status).toBe(200);
    const refused = await update();
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await fdRead()).status).toBe(200);
    time = START + 60_000;
    expect((await update()).status).toBe(200);
  });

  it('others’ standing load drains every window evenly on the clock, and quota() reads it without charging', async () => {
    freshPlan('enterprise');
    sim.control.setOthersLoad(ZD, 600);
    await zdRead();
    expect(sim.control.quota(ZD)).toEqual({ limit: 700, remaining: 699, resetSeconds: 60 });
    time = START + 30_000;
    expect(sim.control.quota(ZD)).toEqual({ limit: 700, remaining: 399, resetSeconds: 30 });
    expect((await zdRead()).headers['x-rate-limit-remaining']).toBe('398');
    time = START + 59_000;
    expect(sim.control.quota(ZD).remaining).toBe(700 - 2 - 590);
    // A new window: the others start again from nothing.
    time = START + 60_000;
    expect((await zdRead()).headers['x-rate-limit-remaining']).toBe('699');
    time = START + 90_000;
    expect(sim.control.quota(ZD).remaining).toBe(399);
    sim.control.setOthersLoad(ZD, 0);
    time = START + 120_000;
    await zdRead();
    time = START + 150_000;
    expect(sim.control.quota(ZD).remaining).toBe(699);
  });

  it('the load and the quota over HTTP control', async () => {
    freshPlan('enterprise');
    await simFetch(sim, ZD, '/__sim/limits/load', { method: 'POST', body: { perWindow: 120 } });
    await zdRead();
    time = START + 30_000;
    const quota = await simFetch(sim, ZD, '/__sim/limits');
    expect(quota.json()).toEqual({ limit: 700, remaining: 639, resetSeconds: 30 });
    sim.control.setPlan('sim');
  });
});
