import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PauseStore, SavedPauses } from '../../../lib/transport/pause-store';
import { HOUR_MS, MINUTE_MS, type RateInfo } from '../../../lib/transport/rate-headers';
import {
  budgetFor,
  DEFAULT_PAUSE_MS,
  learn,
  newWindow,
  paceGap,
  pauseAfter429,
  pauseFor,
  recordSend,
  waitBefore,
  windowStats,
} from '../../../lib/transport/rate-window';
import { createScheduler } from '../../../lib/transport/scheduler';
import { fakeClock, flush } from './fake-clock';
import { get, response } from './fake-transport';
import { ACME, OTHER, ok, post, setup } from './scheduler-setup';
import { watch } from './settled';

describe('scheduler: budget', () => {
  it('sends at most 20% of the default 200/min per sliding minute, then the rest as the window slides', async () => {
    const { clock, net, scheduler } = setup(ok, { viewReserve: 0 });
    const client = scheduler.client(ACME, { priority: 'background' });
    const results = Array.from({ length: 50 }, (_, i) => watch(client(get(`/api/v2/tickets/${i}.json`))));
    await flush();
    expect(net.calls).toHaveLength(40);
    expect(scheduler.stats(ACME)).toMatchObject({ used: 40, limit: 40, planLimit: 200, queued: 10 });
    await clock.advance(59_999);
    expect(net.calls).toHaveLength(40);
    await clock.advance(1);
    expect(net.calls).toHaveLength(50);
    expect(results.every((r) => r.response?.status === 200)).toBe(true);
    expect(net.calls[40]!.at - net.calls[0]!.at).toBe(60_000);
  });

  it('learns the plan limit from the headers (Zendesk x-rate-limit)', async () => {
    const { net, scheduler } = setup(
      () => response(200, { 'x-rate-limit': '700', 'x-rate-limit-remaining': '650' }),
      {
        viewReserve: 0,
      },
    );
    const client = scheduler.client(ACME, { priority: 'background' });
    await client(get('/api/v2/users/me.json'));
    for (let i = 0; i < 200; i++) void client(get(`/api/v2/tickets/${i}.json`));
    await flush();
    expect(scheduler.stats(ACME)).toMatchObject({ planLimit: 700, limit: 140, used: 140 });
    expect(net.calls).toHaveLength(140);
  });

  it('learns the plan limit from Freshdesk headers, per account', async () => {
    const { scheduler } = setup((request) =>
      request.path.includes('agents')
        ? response(200, { 'x-ratelimit-total': '50', 'x-ratelimit-remaining': '49' })
        : ok(),
    );
    await scheduler.client(OTHER, { priority: 'view' })(get('/api/v2/agents/me'));
    expect(scheduler.stats(OTHER)).toMatchObject({ planLimit: 50, limit: 10 });
    expect(scheduler.stats(ACME)).toMatchObject({ planLimit: 200, limit: 40 });
  });

  it('uses a configurable share of the limit', async () => {
    const { scheduler } = setup(() => response(200, { 'ratelimit-limit': '400' }), { budgetShare: 0.5 });
    await scheduler.client(ACME, { priority: 'view' })(get('/api/v2/users/me.json'));
    expect(scheduler.stats(ACME).limit).toBe(200);
  });

  it('pauses the account when the helpdesk says no quota remains, until its reset', async () => {
    const { clock, net, scheduler } = setup((_, index) =>
      index === 0 ? response(200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '7' }) : ok(),
    );
    const client = scheduler.client(ACME, { priority: 'view' });
    await client(get('/api/v2/users/me.json'));
    const next = watch(client(get('/api/v2/tickets/1.json')));
    await clock.advance(6_999);
    expect(net.calls).toHaveLength(1);
    await clock.advance(1);
    expect(next.response?.status).toBe(200);
  });

  it('budgets an hourly Freshdesk plan (X-RateLimit-Total 5,000) per hour: 1,000 in any hour, not 1,000 a minute', async () => {
    const { clock, net, scheduler } = setup(
      () => response(200, { 'x-ratelimit-total': '5000', 'x-ratelimit-remaining': '4990' }),
      { viewReserve: 0 },
    );
    const client = scheduler.client(OTHER, { priority: 'background' });
    await client(get('/api/v2/agents/me'));
    for (let i = 0; i < 1_100; i++) void client(get(`/api/v2/tickets/${i}`));
    await flush();
    expect(scheduler.stats(OTHER)).toMatchObject({
      windowMs: HOUR_MS,
      planLimit: 5000,
      limit: 1000,
      used: 1000,
    });
    await clock.advance(2 * MINUTE_MS);
    expect(net.calls).toHaveLength(1000);
    await clock.advance(HOUR_MS);
    expect(net.calls).toHaveLength(1101);
  });

  it('a window override decides where the headers cannot tell', async () => {
    const { clock, net, scheduler } = setup(() => response(200, { 'x-ratelimit-total': '1000' }), {
      viewReserve: 0,
      windowFor: (account) => (account === OTHER ? HOUR_MS : undefined),
    });
    const client = scheduler.client(OTHER, { priority: 'background' });
    for (let i = 0; i < 250; i++) void client(get(`/api/v2/tickets/${i}`));
    await clock.advance(2 * MINUTE_MS);
    expect(net.calls).toHaveLength(200);
    expect(scheduler.stats(OTHER).windowMs).toBe(HOUR_MS);
    expect(scheduler.stats(ACME).windowMs).toBe(MINUTE_MS);
  });

  it('spaces background sends once remaining falls below half the plan, so our share of it lasts to the reset; the view is not spaced', async () => {
    // 250 of 700 left for 50 s (above the 30% floor): our fifth is 50 requests, one a second.
    const { clock, net, scheduler } = setup(() =>
      response(200, { 'ratelimit-limit': '700', 'ratelimit-remaining': '250', 'ratelimit-reset': '50' }),
    );
    const background = scheduler.client(ACME, { priority: 'background' });
    await background(get('/api/v2/users/me.json'));
    for (let i = 0; i < 3; i++) void background(get(`/api/v2/tickets/${i}.json`));
    const view = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/99.json')));
    await clock.advance(3_000);
    expect(view.response?.status).toBe(200);
    expect(net.calls.map((c) => c.at - clock.start)).toEqual([0, 0, 1_000, 2_000, 3_000]);
  });

  it('does not space sends while the account has more than half its plan left', async () => {
    const { net, scheduler } = setup(() =>
      response(200, { 'ratelimit-limit': '700', 'ratelimit-remaining': '400', 'ratelimit-reset': '50' }),
    );
    const background = scheduler.client(ACME, { priority: 'background' });
    await background(get('/api/v2/users/me.json'));
    for (let i = 0; i < 3; i++) void background(get(`/api/v2/tickets/${i}.json`));
    await flush();
    expect(net.calls).toHaveLength(4);
  });

  it('never sends more than the budget in any 60 s window (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gap: fc.nat(20_000), view: fc.boolean(), latency: fc.nat(3_000) }), {
          minLength: 1,
          maxLength: 120,
        }),
        async (arrivals) => {
          const clock = fakeClock();
          const sent: number[] = [];
          const scheduler = createScheduler({
            transport: async () => {
              sent.push(clock.now());
              return ok();
            },
            now: clock.now,
            sleep: clock.sleep,
            random: () => 0.5,
            defaultLimitPerMinute: 50,
          });
          const results = [];
          for (const [i, arrival] of arrivals.entries()) {
            await clock.advance(arrival.gap);
            const client = scheduler.client(ACME, { priority: arrival.view ? 'view' : 'background' });
            results.push(watch(client(get(`/api/v2/tickets/${i}.json`))));
          }
          await clock.advance(10 * 60_000);
          expect(results.every((r) => r.response?.status === 200)).toBe(true);
          for (const [i, at] of sent.entries()) {
            const inWindow = sent.filter((t) => t >= at && t < at + 60_000).length;
            expect(inWindow, `window from send ${i}`).toBeLessThanOrEqual(10);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('scheduler: 429 and Retry-After', () => {
  it('pauses the account for Retry-After seconds and resumes without an error', async () => {
    const { clock, net, scheduler } = setup((_, index) =>
      index === 0
        ? response(429, { 'retry-after': '2' }, 'Number of allowed API requests per minute exceeded')
        : ok(),
    );
    const client = scheduler.client(ACME, { priority: 'view' });
    const first = watch(client(get('/api/v2/tickets/1.json')));
    await flush();
    const second = watch(client(get('/api/v2/tickets/2.json')));
    await clock.advance(1_999);
    expect(net.calls).toHaveLength(1);
    expect(first.done || second.done).toBe(false);
    expect(scheduler.stats(ACME).pausedUntil).toBe(clock.start + 2_000);
    await clock.advance(1);
    expect(first.response?.status).toBe(200);
    expect(second.response?.status).toBe(200);
    expect(net.calls.map((c) => c.at - clock.start)).toEqual([0, 2_000, 2_000]);
  });

  it('re-sends a write refused with 429 (the helpdesk did not act on it)', async () => {
    const { clock, net, scheduler } = setup((_, index) =>
      index === 0 ? response(429, { 'retry-after': '1' }) : ok(),
    );
    const result = watch(scheduler.client(ACME, { priority: 'view' })(post('/api/v2/tickets/1/notes')));
    await clock.advance(1_000);
    expect(result.response?.status).toBe(200);
    expect(net.calls).toHaveLength(2);
  });

  it('returns the 429 to the caller once it keeps failing past maxRetries', async () => {
    const { clock, net, scheduler } = setup(() => response(429, { 'retry-after': '1' }), { maxRetries: 2 });
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    await clock.advance(10_000);
    expect(result.response?.status).toBe(429);
    expect(net.calls).toHaveLength(3);
  });

  it('pauses only the account that was limited', async () => {
    const { clock, net, scheduler } = setup((request) =>
      request.path === '/api/v2/limited' ? response(429, { 'retry-after': '30' }) : ok(),
    );
    void scheduler.client(ACME, { priority: 'view' })(get('/api/v2/limited'));
    await flush();
    const other = watch(scheduler.client(OTHER, { priority: 'view' })(get('/api/v2/tickets/1')));
    await clock.advance(0);
    expect(other.response?.status).toBe(200);
    expect(net.calls).toHaveLength(2);
  });

  it('honours a Retry-After of 1,500 s in full (an hourly Freshdesk plan): queued work waits, then succeeds without an error', async () => {
    const { clock, net, scheduler } = setup((_, index) =>
      index === 0
        ? response(
            429,
            { 'retry-after': '1500', 'x-ratelimit-total': '5000', 'x-ratelimit-remaining': '0' },
            '{"message":"You have exceeded the limit of requests per hour"}',
          )
        : ok(),
    );
    const view = watch(scheduler.client(OTHER, { priority: 'view' })(get('/api/v2/tickets/1')));
    await flush();
    const background = watch(
      scheduler.client(OTHER, { priority: 'background' })(post('/api/v2/tickets/2/notes')),
    );
    await clock.advance(1_499_999);
    expect(net.calls).toHaveLength(1);
    expect(view.done || background.done).toBe(false);
    expect(scheduler.stats(OTHER).pausedUntil).toBe(clock.start + 1_500_000);
    await clock.advance(1);
    expect(view.response?.status).toBe(200);
    expect(background.response?.status).toBe(200);
  });
});

describe('scheduler: a long pause outlives the worker', () => {
  const memoryStore = () => {
    const held: { value: SavedPauses } = { value: {} };
    const store: PauseStore = {
      load: async () => held.value,
      save: async (pauses) => {
        held.value = pauses;
      },
    };
    return { held, store };
  };

  it('a restarted worker keeps waiting out a saved 1,500 s Retry-After instead of meeting the 429 again', async () => {
    const { held, store } = memoryStore();
    const before = setup(() => response(429, { 'retry-after': '1500' }), { pauses: store, maxRetries: 0 });
    const refused = await before.scheduler.client(OTHER, { priority: 'background' })(
      get('/api/v2/tickets/1'),
    );
    expect(refused.status).toBe(429);
    expect(held.value).toEqual({ [OTHER]: { until: before.clock.start + 1_500_000, tickets: {} } });

    const after = setup(ok, { pauses: store });
    const result = watch(after.scheduler.client(OTHER, { priority: 'view' })(get('/api/v2/tickets/1')));
    await after.clock.advance(1_499_999);
    expect(after.net.calls).toHaveLength(0);
    await after.clock.advance(1);
    expect(result.response?.status).toBe(200);
  });

  it('a store that fails to load or save costs nothing but the memory', async () => {
    const store: PauseStore = {
      load: () => Promise.reject(new Error('storage gone')),
      save: () => Promise.reject(new Error('storage gone')),
    };
    const { clock, scheduler } = setup(
      (_, index) => (index === 0 ? response(429, { 'retry-after': '2' }) : ok()),
      {
        pauses: store,
      },
    );
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    await clock.advance(2_000);
    expect(result.response?.status).toBe(200);
  });
});

describe('rate window, as pure functions', () => {
  const T = 1_700_000_000_000;
  const share = { budgetShare: 0.2, viewReserve: 0.25 };
  const info = (over: Partial<RateInfo> = {}): RateInfo => ({
    limit: null,
    remaining: null,
    resetMs: null,
    retryAfterMs: null,
    windowMs: null,
    ...over,
  });

  it('takes a fifth of the plan, and background leaves a quarter of that to the view', () => {
    expect(budgetFor(200, 0.2, 0.25, 'view')).toBe(40);
    expect(budgetFor(200, 0.2, 0.25, 'background')).toBe(30);
    expect(budgetFor(1, 0.2, 0.25, 'background')).toBe(1);
  });

  it('waits for the oldest send in the way to leave the minute, and forgets sends that left it', () => {
    const window = newWindow(25);
    for (let i = 0; i < 4; i++) recordSend(window, T + i * 1_000);
    expect(waitBefore(window, T + 5_000, share, 'view')).toBe(0);
    expect(waitBefore(window, T + 5_000, share, 'background')).toBe(MINUTE_MS - 5_000);
    expect(waitBefore(window, T + MINUTE_MS + 1_000, share, 'background')).toBe(0);
    expect(window.sends).toEqual([T + 2_000, T + 3_000]);
  });

  it('learns the plan limit, and pauses until the reset when the account has no quota left', () => {
    const window = newWindow(200);
    learn(window, T, info({ limit: 700, remaining: 5 }));
    expect(window).toMatchObject({ planLimit: 700, pausedUntil: 0 });
    learn(window, T, info({ limit: 0, remaining: 0, resetMs: 7_000 }));
    expect(window).toMatchObject({ planLimit: 700, pausedUntil: T + 7_000 });
    const unknownReset = newWindow(200);
    learn(unknownReset, T, info({ remaining: 0 }));
    expect(unknownReset.pausedUntil).toBe(T + DEFAULT_PAUSE_MS);
  });

  it('a 429 pauses for Retry-After in full (no five-minute cap), else the reset, else a minute; never shorter than a pause already set', () => {
    expect(pauseAfter429(info({ retryAfterMs: 3_000, resetMs: 9_000 }))).toBe(3_000);
    expect(pauseAfter429(info({ resetMs: 9_000 }))).toBe(9_000);
    expect(pauseAfter429(info())).toBe(DEFAULT_PAUSE_MS);
    const window = newWindow(200);
    pauseFor(window, T, 1_500_000);
    expect(window.pausedUntil).toBe(T + 1_500_000);
    pauseFor(window, T, 1_000);
    expect(window.pausedUntil).toBe(T + 1_500_000);
    expect(waitBefore(window, T, share, 'view')).toBe(1_500_000);
  });

  it('estimates the reset where the helpdesk names none: a window from when remaining rose again, else a whole window', () => {
    const window = newWindow(5000, HOUR_MS);
    learn(window, T, info({ limit: 5000, remaining: 3000 }));
    expect(window.resetAt).toBe(T + HOUR_MS);
    learn(window, T + 1_000, info({ remaining: 2990 }));
    expect(window.resetAt).toBe(T + HOUR_MS);
    learn(window, T + 2_000, info({ remaining: 4999 }));
    expect(window.resetAt).toBe(T + 2_000 + HOUR_MS);
    learn(window, T + 3_000, info({ remaining: 0, retryAfterMs: 1_500_000 }));
    expect(window).toMatchObject({ resetAt: T + 3_000 + 1_500_000, pausedUntil: T + 3_000 + 1_500_000 });
  });

  it('paces only below half the plan: our share of what remains, evenly until the reset', () => {
    const window = newWindow(700);
    learn(window, T, info({ limit: 700, remaining: 400, resetMs: 40_000 }));
    expect(paceGap(window, T, 0.2)).toBe(0);
    learn(window, T, info({ remaining: 100, resetMs: 40_000 }));
    expect(paceGap(window, T, 0.2)).toBe(2_000);
    learn(window, T, info({ remaining: 3, resetMs: 40_000 }));
    expect(paceGap(window, T, 0.2)).toBe(40_000);
    expect(paceGap(window, T + 40_000, 0.2)).toBe(0);
  });

  it('reports what was used in the last minute and a pause only while it lasts', () => {
    const window = newWindow(200);
    recordSend(window, T);
    pauseFor(window, T, 1_000);
    expect(windowStats(window, T + 500, 0.2)).toEqual({
      used: 1,
      limit: 40,
      planLimit: 200,
      windowMs: MINUTE_MS,
      remaining: null,
      pausedUntil: T + 1_000,
    });
    expect(windowStats(window, T + MINUTE_MS, 0.2)).toEqual({
      used: 0,
      limit: 40,
      planLimit: 200,
      windowMs: MINUTE_MS,
      remaining: null,
      pausedUntil: 0,
    });
  });
});
