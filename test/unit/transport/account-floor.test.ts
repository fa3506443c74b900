import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import { MINUTE_MS, type RateInfo } from '../../../lib/transport/rate-headers';
import {
  DEFAULT_FLOOR,
  floorUntil,
  learn,
  leftNow,
  newWindow,
  oneAtATime,
  recordSend,
  VIEW_FLOOR,
  VIEW_PACE_BELOW,
  waitBefore,
} from '../../../lib/transport/rate-window';
import { flush } from './fake-clock';
import { get, response } from './fake-transport';
import { ACME, OTHER, setup, setupManual } from './scheduler-setup';
import { watch } from './settled';

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

/** Zendesk's headers for an Enterprise account (700 a minute) with `remaining` left for `resetS` seconds. */
const zendesk = (remaining: number, resetS: number) =>
  response(200, {
    'x-rate-limit': '700',
    'x-rate-limit-remaining': String(remaining),
    'ratelimit-limit': '700',
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': String(resetS),
  });

describe('account floor, as pure functions', () => {
  it('holds background work until the reset once the account has less than 30% of its plan left; the view never', () => {
    expect(DEFAULT_FLOOR).toBe(0.3);
    const window = newWindow(200);
    learn(window, T, info({ limit: 700, remaining: 210, resetMs: 40_000 }));
    expect(floorUntil(window, T, DEFAULT_FLOOR)).toBe(0);
    learn(window, T, info({ remaining: 209, resetMs: 40_000 }));
    expect(floorUntil(window, T, DEFAULT_FLOOR)).toBe(T + 40_000);
    expect(waitBefore(window, T, share, 'background')).toBe(40_000);
    expect(waitBefore(window, T, share, 'view')).toBe(0);
    // The count was for a window that has ended: the next answer says the new one.
    expect(floorUntil(window, T + 40_000, DEFAULT_FLOOR)).toBe(0);
    expect(waitBefore(window, T + 40_000, share, 'background')).toBe(0);
  });

  it('a floor of 0 turns it off, and a chosen floor is honoured', () => {
    const window = newWindow(700);
    learn(window, T, info({ limit: 700, remaining: 300, resetMs: 30_000 }));
    expect(waitBefore(window, T, { ...share, backgroundFloor: 0.5 }, 'background')).toBe(30_000);
    expect(floorUntil(window, T, 0)).toBe(0);
    const nothingKnown = newWindow(700);
    expect(floorUntil(nothingKnown, T, DEFAULT_FLOOR)).toBe(0);
  });

  it('on Freshdesk, which names no reset, holds background work until the estimated end of the window', () => {
    const window = newWindow(200);
    learn(window, T, info({ limit: 400, remaining: 100, windowMs: MINUTE_MS }));
    expect(floorUntil(window, T + 5_000, DEFAULT_FLOOR)).toBe(T + MINUTE_MS);
    // Remaining rose: a new window began, and the count is above the floor again.
    learn(window, T + 20_000, info({ remaining: 390 }));
    expect(floorUntil(window, T + 20_000, DEFAULT_FLOOR)).toBe(0);
  });
});

describe('views slow down before the account runs out (zero 429s caused by 200 reps’ views)', () => {
  it('a view goes at once while 15 % or more of the plan is left, is spaced below it, and waits for the reset below 5 %', () => {
    expect([VIEW_PACE_BELOW, VIEW_FLOOR]).toEqual([0.15, 0.05]);
    const window = newWindow(700);
    window.sends.push(T - 1_000);
    learn(window, T, info({ limit: 700, remaining: 120, resetMs: 30_000 }));
    expect(waitBefore(window, T, share, 'view')).toBe(0);
    // 100 left for 30 s: our fifth is 20 requests, one every 1.5 s from the last send.
    learn(window, T, info({ limit: 700, remaining: 100, resetMs: 30_000 }));
    expect(waitBefore(window, T, share, 'view')).toBe(500);
    // 30 left (under 35, 5 % of 700): the view waits for the reset rather than meet a 429.
    learn(window, T, info({ limit: 700, remaining: 30, resetMs: 30_000 }));
    expect(waitBefore(window, T, share, 'view')).toBe(30_000);
    // The window reset: nothing known, nothing held.
    expect(waitBefore(window, T + 30_000, share, 'view')).toBe(0);
  });
});

describe('scheduler: one budget for the whole account', () => {
  it('background waits for the reset while the account is below the floor; a view read goes at once and is not counted against it', async () => {
    // Others spend the account: 150 of 700 left for 40 s after our first background read.
    const { clock, net, scheduler } = setup(() => zendesk(150, 40));
    const background = scheduler.client(ACME, { priority: 'background' });
    await background(get('/api/v2/users/me.json'));
    expect(scheduler.stats(ACME)).toMatchObject({
      remaining: 150,
      backgroundHeldUntil: clock.start + 40_000,
    });

    const ledger = Array.from({ length: 3 }, (_, i) =>
      watch(background(get(`/api/v2/search.json?page=${i}`))),
    );
    const view = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/7.json')));
    await clock.advance(39_999);
    expect(view.response?.status).toBe(200);
    expect(ledger.some((r) => r.done)).toBe(false);
    expect(net.calls.map((c) => c.request.path)).toEqual(['/api/v2/users/me.json', '/api/v2/tickets/7.json']);

    await clock.advance(1);
    expect(net.calls[2]).toMatchObject({ at: clock.start + 40_000 });
  });

  it('background resumes in the new window once an answer says the account has room again', async () => {
    let left = 100;
    const { clock, net, scheduler } = setup(() => zendesk(left, 30));
    const background = scheduler.client(ACME, { priority: 'background' });
    await background(get('/api/v2/users/me.json'));
    const queued = Array.from({ length: 4 }, (_, i) => watch(background(get(`/api/v2/tickets/${i}.json`))));
    await clock.advance(29_000);
    expect(net.calls).toHaveLength(1);

    left = 690;
    await clock.advance(1_000);
    await flush();
    expect(queued.every((r) => r.response?.status === 200)).toBe(true);
    expect(scheduler.stats(ACME)).toMatchObject({ remaining: 690, backgroundHeldUntil: 0 });
  });

  it('a held account does not hold another account', async () => {
    const answer = (request: HttpRequest) =>
      request.path.includes('freshdesk') ? response(200) : zendesk(10, 50);
    const { net, scheduler } = setup(answer);
    await scheduler.client(ACME, { priority: 'background' })(get('/api/v2/users/me.json'));
    const other = watch(scheduler.client(OTHER, { priority: 'background' })(get('/freshdesk/tickets/1')));
    const held = watch(scheduler.client(ACME, { priority: 'background' })(get('/api/v2/tickets/1.json')));
    await flush();
    expect(other.response?.status).toBe(200);
    expect(held.done).toBe(false);
    expect(net.calls).toHaveLength(2);
  });

  it('backgroundFloor: 0 keeps the old behaviour (spaced, not held)', async () => {
    // 150 of 700 left for 40 s: our fifth is 30 requests, one every 1,333 ms.
    const { clock, net, scheduler } = setup(() => zendesk(150, 40), { backgroundFloor: 0 });
    const background = scheduler.client(ACME, { priority: 'background' });
    await background(get('/api/v2/users/me.json'));
    void background(get('/api/v2/tickets/1.json'));
    await clock.advance(1_334);
    expect(net.calls.map((c) => c.at - clock.start)).toEqual([0, 1_334]);
    expect(scheduler.stats(ACME).backgroundHeldUntil).toBe(0);
  });
});

describe('what this browser knows the account has left (no bursts at the floor, no blind bursts)', () => {
  it('spends its own sends from the last count it learned, so the requests of one view do not all read the same count', () => {
    const window = newWindow(700);
    learn(window, T, info({ limit: 700, remaining: 36, resetMs: 30_000 }));
    expect(waitBefore(window, T, share, 'view')).toBe(0);
    // VIEW_FLOOR is 35 of 700: the first send may go, the second would take the account below it.
    recordSend(window, T + 1);
    expect(leftNow(window, T + 1)).toBe(35);
    recordSend(window, T + 2);
    expect(leftNow(window, T + 2)).toBe(34);
    expect(waitBefore(window, T + 3, share, 'view')).toBe(30_000 - 3);
    // The next answer is the helpdesk's own count again.
    learn(window, T + 10, info({ limit: 700, remaining: 600, resetMs: 29_990 }));
    expect(leftNow(window, T + 10)).toBe(600);
  });

  it('counts what the other browsers spend between its answers, and holds the view before the account runs out', () => {
    const window = newWindow(700);
    learn(window, T, info({ limit: 700, remaining: 400, resetMs: 50_000 }));
    // Ten seconds later the account has 100 fewer, of which this browser sent 10: others spend 9 a second.
    for (let i = 1; i <= 10; i++) recordSend(window, T + i * 900);
    learn(window, T + 10_000, info({ limit: 700, remaining: 300, resetMs: 40_000 }));
    expect(window.othersPerMs * 1000).toBeCloseTo(9);
    expect(leftNow(window, T + 10_000)).toBe(300);
    expect(leftNow(window, T + 20_000)).toBe(210);
    // Thirty seconds on, without another answer, the 300 are spent down to 30: below VIEW_FLOOR (35).
    expect(leftNow(window, T + 40_000)).toBe(30);
    expect(oneAtATime(window, T + 40_000)).toBe(true);
    expect(waitBefore(window, T + 40_000, share, 'view')).toBe(10_000);
    expect(oneAtATime(window, T + 10_000)).toBe(false);
    // A new window: nothing known of it until an answer, and the rate carries over.
    expect(leftNow(window, T + 50_000)).toBeNull();
    learn(window, T + 51_000, info({ limit: 700, remaining: 690, resetMs: 59_000 }));
    expect(window.othersPerMs * 1000).toBeCloseTo(9);
  });

  it('sends one request at a time until the first answer says what the account has left', async () => {
    const { clock, net, scheduler } = setupManual({ maxConcurrent: 4 });
    const view = scheduler.client(ACME, { priority: 'view' });
    const reads = ['/api/v2/users/me.json', '/api/v2/tickets/1.json', '/api/v2/tickets/1/comments.json'].map(
      (path) => watch(view(get(path))),
    );
    await flush();
    expect(net.calls).toHaveLength(1);
    net.calls[0]!.respond(200);
    await clock.advance(0);
    await flush();
    expect(net.calls).toHaveLength(3);
    for (const call of net.calls.slice(1)) call.respond(200);
    await clock.advance(0);
    expect(reads.every((r) => r.response?.status === 200)).toBe(true);
  });
});
