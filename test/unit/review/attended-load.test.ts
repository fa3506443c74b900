import { describe, expect, it } from 'vitest';
import { get, response } from '../transport/fake-transport';
import { ACME, setup } from '../transport/scheduler-setup';
import { watch } from '../transport/settled';

/** Zendesk's headers for an Enterprise account (700 a minute) with `remaining` left for `resetS` seconds. */
const zendesk = (remaining: number, resetS: number) =>
  response(200, {
    'x-rate-limit': '700',
    'x-rate-limit-remaining': String(remaining),
    'ratelimit-limit': '700',
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': String(resetS),
  });

describe('the review load is attended work (issue 17)', () => {
  it('review priority: the manager’s load is not held by the account floor that holds the reps’ background, but is paced to its share of what remains and goes after the ticket in view', async () => {
    // The day's traffic left 150 of 700 (below the 30 % floor) for the next 40 s.
    const { clock, net, scheduler } = setup(() => zendesk(150, 40));
    const background = scheduler.client(ACME, { priority: 'background' });
    await background(get('/api/v2/users/me.json'));

    const ledger = Array.from({ length: 3 }, (_, i) => watch(background(get(`/api/v2/ledger?page=${i}`))));
    const review = scheduler.client(ACME, { priority: 'attended' });
    const load = Array.from({ length: 3 }, (_, i) => watch(review(get(`/api/v2/search.json?page=${i}`))));
    const view = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/7.json')));

    await clock.advance(39_000);
    expect(view.response?.status).toBe(200);
    expect(load.every((r) => r.response?.status === 200)).toBe(true);
    expect(ledger.some((r) => r.done)).toBe(false);
    const sent = net.calls.slice(1);
    expect(sent[0]?.request.path).toBe('/api/v2/tickets/7.json');
    // Paced: our fifth of the 150 left (30 requests) spread over the 40 s to the reset.
    const loadTimes = sent.filter((c) => c.request.path.startsWith('/api/v2/search')).map((c) => c.at);
    expect(loadTimes[1]! - loadTimes[0]!).toBeGreaterThanOrEqual(Math.floor(40_000 / 30));
  });
});
