import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HelpdeskError, type HttpRequest } from '../../../lib/helpdesks/http';
import { createScheduler, isAbortError, type SchedulerOptions } from '../../../lib/transport/scheduler';
import { fakeClock, flush } from './fake-clock';
import { get, manualTransport, response, scriptedTransport } from './fake-transport';
import { watch } from './settled';

const ACME = 'acme.zendesk.com';
const OTHER = 'other.freshdesk.com';
const post = (path: string): HttpRequest => ({ method: 'POST', path, body: { note: 'x' } });

function setup(answer: Parameters<typeof scriptedTransport>[1], options: Partial<SchedulerOptions> = {}) {
  const clock = fakeClock();
  const net = scriptedTransport(clock.now, answer);
  const scheduler = createScheduler({
    transport: net.transport,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options,
  });
  return { clock, net, scheduler };
}

function setupManual(options: Partial<SchedulerOptions> = {}) {
  const clock = fakeClock();
  const net = manualTransport(clock.now);
  const scheduler = createScheduler({
    transport: net.transport,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options,
  });
  return { clock, net, scheduler };
}

const ok = () => response(200, {}, '{"ok":true}');

describe('scheduler: passing requests through', () => {
  it('hands the account and request to the transport and the response back', async () => {
    const { net, scheduler } = setup(() => response(200, { etag: 'W/"1"' }, '{"ticket":{}}'));
    const result = await scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json'));
    expect(result).toEqual(response(200, { etag: 'W/"1"' }, '{"ticket":{}}'));
    expect(net.calls).toHaveLength(1);
    expect(net.calls[0]).toMatchObject({ account: ACME, request: get('/api/v2/tickets/1.json') });
  });

  it('returns a 4xx other than 429 at once, without retrying', async () => {
    const { net, scheduler } = setup(() => response(404, {}, '{"error":"RecordNotFound"}'));
    const result = await scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/9.json'));
    expect(result.status).toBe(404);
    expect(net.calls).toHaveLength(1);
  });

  it('passes a final HelpdeskError from the transport through unchanged', async () => {
    const signedOut = new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'No helpdesk tab is open');
    const { net, scheduler } = setup(() => signedOut);
    await expect(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/users/me.json'))).rejects.toBe(
      signedOut,
    );
    expect(net.calls).toHaveLength(1);
  });
});

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

describe('scheduler: priority', () => {
  it('runs the ticket in view ahead of queued background work', async () => {
    const { clock, net, scheduler } = setupManual({ maxConcurrent: 1 });
    const background = scheduler.client(ACME, { priority: 'background' });
    const view = scheduler.client(ACME, { priority: 'view' });
    void background(get('/api/v2/tickets/1.json'));
    void background(get('/api/v2/tickets/2.json'));
    void view(get('/api/v2/tickets/3.json'));
    await flush();
    expect(net.calls.map((c) => c.request.path)).toEqual(['/api/v2/tickets/1.json']);
    for (let i = 0; i < 3; i++) {
      net.calls[i]!.respond(200);
      await clock.advance(0);
    }
    expect(net.calls.map((c) => c.request.path)).toEqual([
      '/api/v2/tickets/1.json',
      '/api/v2/tickets/3.json',
      '/api/v2/tickets/2.json',
    ]);
  });

  it('keeps a reserve of the budget for the view while background work waits for the window', async () => {
    const { clock, net, scheduler } = setup(ok);
    const background = scheduler.client(ACME, { priority: 'background' });
    for (let i = 0; i < 40; i++) void background(get(`/api/v2/tickets/${i}.json`));
    await flush();
    expect(net.calls).toHaveLength(30);
    const viewed = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/999.json')));
    await clock.advance(0);
    expect(viewed.response?.status).toBe(200);
    expect(net.calls).toHaveLength(31);
  });

  it('promotes a queued background GET when the view asks for the same path', async () => {
    const { clock, net, scheduler } = setupManual({ maxConcurrent: 1 });
    const background = scheduler.client(ACME, { priority: 'background' });
    void background(get('/api/v2/tickets/1.json'));
    void background(get('/api/v2/tickets/2.json'));
    void background(get('/api/v2/tickets/3.json'));
    void scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/3.json'));
    await flush();
    net.calls[0]!.respond(200);
    await clock.advance(0);
    expect(net.calls[1]!.request.path).toBe('/api/v2/tickets/3.json');
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

  it('caps an absurd Retry-After at five minutes', async () => {
    const { clock, scheduler } = setup((_, index) =>
      index === 0 ? response(429, { 'retry-after': '86400' }) : ok(),
    );
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    await clock.advance(300_000);
    expect(result.response?.status).toBe(200);
  });
});

describe('scheduler: retries of 5xx and network errors', () => {
  it('retries a GET on 5xx with full-jitter backoff, then succeeds', async () => {
    const { clock, net, scheduler } = setup((_, index) => (index < 3 ? response(503) : ok()));
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    await clock.advance(60_000);
    expect(result.response?.status).toBe(200);
    // random() = 0.5: half of 500, 1000, 2000 ms.
    expect(net.calls.map((c) => c.at - clock.start)).toEqual([0, 250, 750, 1_750]);
  });

  it('returns the last 5xx after maxRetries', async () => {
    const { clock, net, scheduler } = setup(() => response(502), { maxRetries: 3 });
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    await clock.advance(60_000);
    expect(result.response?.status).toBe(502);
    expect(net.calls).toHaveLength(4);
  });

  it('retries a GET after a network error', async () => {
    const { clock, net, scheduler } = setup((_, index) =>
      index === 0 ? new TypeError('Failed to fetch') : ok(),
    );
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    await clock.advance(1_000);
    expect(result.response?.status).toBe(200);
    expect(net.calls).toHaveLength(2);
  });

  it('turns a network failure past maxRetries into a HelpdeskError naming the endpoint', async () => {
    const { clock, net, scheduler } = setup(() => new TypeError('Failed to fetch'), { maxRetries: 1 });
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/77/audits.json')));
    await clock.advance(60_000);
    expect(net.calls).toHaveLength(2);
    expect(result.error).toBeInstanceOf(HelpdeskError);
    expect(result.error).toMatchObject({ kind: 'network', endpoint: 'GET /api/v2/tickets/:id/audits' });
  });

  it.each(['POST', 'PUT', 'DELETE'] as const)('never re-sends a %s after a 5xx', async (method) => {
    const { net, scheduler } = setup(() => response(500));
    const result = await scheduler.client(ACME, { priority: 'view' })({
      method,
      path: '/api/v2/tickets/1.json',
    });
    expect(result.status).toBe(500);
    expect(net.calls).toHaveLength(1);
  });

  it('never re-sends a write after a network error', async () => {
    const { net, scheduler } = setup(() => new TypeError('connection reset'));
    await expect(
      scheduler.client(ACME, { priority: 'view' })(post('/api/v2/tickets/1/notes')),
    ).rejects.toMatchObject({
      kind: 'network',
      endpoint: 'POST /api/v2/tickets/:id/notes',
    });
    expect(net.calls).toHaveLength(1);
  });
});

describe('scheduler: identical GETs in flight', () => {
  it('sends one request for two identical GETs and gives both callers the response', async () => {
    const { clock, net, scheduler } = setupManual();
    const a = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    const b = watch(scheduler.client(ACME, { priority: 'background' })(get('/api/v2/tickets/1.json')));
    await flush();
    expect(net.calls).toHaveLength(1);
    net.calls[0]!.respond(200, {}, '{"ticket":{"id":1}}');
    await clock.advance(0);
    expect(a.response?.body).toBe('{"ticket":{"id":1}}');
    expect(b.response).toEqual(a.response);
  });

  it('does not share across paths, accounts, writes, or once the first has settled', async () => {
    const { net, scheduler } = setup(ok);
    const acme = scheduler.client(ACME, { priority: 'view' });
    await Promise.all([
      acme(get('/api/v2/tickets/1.json')),
      acme(get('/api/v2/tickets/2.json')),
      scheduler.client(OTHER, { priority: 'view' })(get('/api/v2/tickets/1.json')),
      acme(post('/api/v2/tickets/1/notes')),
      acme(post('/api/v2/tickets/1/notes')),
    ]);
    await acme(get('/api/v2/tickets/1.json'));
    expect(net.calls).toHaveLength(6);
  });

  it('shares a conditional GET only with callers holding the same ETag', async () => {
    const { net, scheduler } = setup(ok);
    const client = scheduler.client(ACME, { priority: 'view' });
    const path = '/api/v2/tickets/1.json';
    await Promise.all([
      client({ method: 'GET', path, ifNoneMatch: 'W/"a"' }),
      client({ method: 'GET', path, ifNoneMatch: 'W/"a"' }),
      client({ method: 'GET', path }),
    ]);
    expect(net.calls).toHaveLength(2);
  });

  it('keeps the shared request going when only one of its callers cancels', async () => {
    const { clock, net, scheduler } = setupManual();
    const leaving = new AbortController();
    const a = watch(scheduler.client(ACME, { priority: 'view', signal: leaving.signal })(get('/api/v2/x')));
    const b = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/x')));
    await flush();
    leaving.abort();
    await flush();
    expect(isAbortError(a.error)).toBe(true);
    expect(net.calls[0]!.signal.aborted).toBe(false);
    net.calls[0]!.respond(200);
    await clock.advance(0);
    expect(b.response?.status).toBe(200);
  });
});

describe('scheduler: cancellation', () => {
  it('drops queued work when its signal aborts, without sending it', async () => {
    const { clock, net, scheduler } = setupManual({ maxConcurrent: 1 });
    const client = scheduler.client(ACME, { priority: 'view' });
    void client(get('/api/v2/tickets/1.json'));
    const controller = new AbortController();
    const queued = watch(client(get('/api/v2/tickets/2.json'), { signal: controller.signal }));
    await flush();
    controller.abort();
    await flush();
    expect(isAbortError(queued.error)).toBe(true);
    expect(scheduler.stats(ACME).queued).toBe(0);
    net.calls[0]!.respond(200);
    await clock.advance(0);
    expect(net.calls).toHaveLength(1);
  });

  it('aborts the transport signal of an in-flight request and rejects the caller at once', async () => {
    const { net, scheduler } = setupManual();
    const controller = new AbortController();
    const client = scheduler.client(ACME, { priority: 'view', signal: controller.signal });
    const result = watch(client(get('/api/v2/tickets/1.json')));
    await flush();
    controller.abort();
    await flush();
    expect(net.calls[0]!.signal.aborted).toBe(true);
    expect(isAbortError(result.error)).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { net, scheduler } = setup(ok);
    const client = scheduler.client(ACME, { priority: 'view' });
    await expect(client(get('/api/v2/tickets/1.json'), { signal: AbortSignal.abort() })).rejects.toSatisfy(
      isAbortError,
    );
    expect(net.calls).toHaveLength(0);
  });

  it('cancelTicket drops queued and in-flight work of that ticket only', async () => {
    const { clock, net, scheduler } = setupManual({ maxConcurrent: 2 });
    const left = scheduler.client(ACME, { priority: 'view', ticketKey: 'zendesk:acme.zendesk.com:1' });
    const stayed = scheduler.client(ACME, { priority: 'view', ticketKey: 'zendesk:acme.zendesk.com:2' });
    const inFlight = watch(left(get('/api/v2/tickets/1.json')));
    const other = watch(stayed(get('/api/v2/tickets/2.json')));
    const queued = watch(left(get('/api/v2/tickets/1/comments.json')));
    await flush();
    expect(net.calls).toHaveLength(2);
    scheduler.cancelTicket('zendesk:acme.zendesk.com:1');
    await flush();
    expect(isAbortError(inFlight.error)).toBe(true);
    expect(isAbortError(queued.error)).toBe(true);
    expect(net.calls[0]!.signal.aborted).toBe(true);
    net.calls[1]!.respond(200);
    await clock.advance(0);
    expect(other.response?.status).toBe(200);
    expect(net.calls).toHaveLength(2);
    expect(scheduler.stats(ACME)).toMatchObject({ queued: 0, inFlight: 0 });
  });

  it('cancelTicket stops a GET waiting to be retried', async () => {
    const { clock, net, scheduler } = setup(() => response(503));
    const client = scheduler.client(ACME, { priority: 'background', ticketKey: 't1' });
    const result = watch(client(get('/api/v2/tickets/1.json')));
    await flush();
    scheduler.cancelTicket('t1');
    await clock.advance(60_000);
    expect(isAbortError(result.error)).toBe(true);
    expect(net.calls).toHaveLength(1);
  });

  it('a cancelled GET no longer de-duplicates: the next identical GET is sent afresh', async () => {
    const { clock, net, scheduler } = setupManual();
    const client = scheduler.client(ACME, { priority: 'view', ticketKey: 't1' });
    void client(get('/api/v2/x')).catch(() => undefined);
    await flush();
    scheduler.cancelTicket('t1');
    const again = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/x')));
    await flush();
    expect(net.calls).toHaveLength(2);
    net.calls[0]!.respond(200, {}, 'stale');
    net.calls[1]!.respond(200, {}, 'fresh');
    await clock.advance(0);
    expect(again.response?.body).toBe('fresh');
  });
});

describe('scheduler: timeouts', () => {
  it('counts a GET with no answer within the timeout as a network failure and retries it', async () => {
    const { clock, net, scheduler } = setupManual({ timeoutMs: 10_000 });
    const result = watch(scheduler.client(ACME, { priority: 'view' })(get('/api/v2/tickets/1.json')));
    await clock.advance(10_000);
    expect(net.calls[0]!.signal.aborted).toBe(true);
    expect(scheduler.stats(ACME).inFlight).toBe(0);
    await clock.advance(250);
    expect(net.calls).toHaveLength(2);
    net.calls[1]!.respond(200);
    await clock.advance(0);
    expect(result.response?.status).toBe(200);
  });

  it('rejects a write with no answer as a network failure, without re-sending it', async () => {
    const { clock, net, scheduler } = setupManual({ timeoutMs: 10_000 });
    const result = watch(scheduler.client(ACME, { priority: 'view' })(post('/api/v2/tickets/1/notes')));
    await clock.advance(60_000);
    expect(net.calls).toHaveLength(1);
    expect(result.error).toMatchObject({ kind: 'network', message: 'No answer within 10 s' });
  });
});
