import { describe, expect, it } from 'vitest';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import {
  attempt,
  backOff,
  isAbortError,
  type Outcome,
  retryAfterAnswer,
  retryAfterFailure,
} from '../../../lib/transport/attempt';
import { fakeClock } from './fake-clock';
import { get, response } from './fake-transport';
import { ACME, ok, post, setup, setupManual } from './scheduler-setup';
import { watch } from './settled';

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

describe('attempt, as pure functions', () => {
  const GET = get('/api/v2/tickets/1.json');
  const POST = post('/api/v2/tickets/1.json');

  it('re-sends a 429 of any method until the retries run out; backs off on a GET’s 5xx only', () => {
    expect(retryAfterAnswer(429, POST, 0, 4)).toBe('resend');
    expect(retryAfterAnswer(429, GET, 4, 4)).toBe('settle');
    expect(retryAfterAnswer(503, GET, 3, 4)).toBe('back-off');
    expect(retryAfterAnswer(503, GET, 4, 4)).toBe('settle');
    expect(retryAfterAnswer(503, POST, 0, 4)).toBe('settle');
    expect(retryAfterAnswer(404, GET, 0, 4)).toBe('settle');
  });

  it('passes a final helpdesk error through, retries a GET’s network failure, never a write’s', () => {
    const signedOut = new HelpdeskError('signed-out', 'GET x', 'no tab', 401);
    expect(retryAfterFailure(signedOut, GET, 0, 4)).toBe('settle');
    expect(retryAfterFailure(new TypeError('Failed to fetch'), GET, 0, 4)).toBe('back-off');
    expect(retryAfterFailure(new HelpdeskError('network', 'GET x', 'down'), GET, 4, 4)).toBe(
      'settle-as-network',
    );
    expect(retryAfterFailure(new TypeError('Failed to fetch'), POST, 0, 4)).toBe('settle-as-network');
  });

  it('settles with the answer, on cancel, or at the timeout though the transport never answers', async () => {
    const clock = fakeClock();
    const answer = { status: 200, headers: {}, body: '{}' };
    expect(await attempt(async () => answer, GET, new AbortController().signal, 1_000, clock.sleep)).toEqual({
      response: answer,
    });

    let wire: AbortSignal | undefined;
    const never = (signal: AbortSignal) => {
      wire = signal;
      return new Promise<never>(() => {});
    };
    const cancel = new AbortController();
    const cancelled = attempt(never, GET, cancel.signal, 1_000, clock.sleep);
    cancel.abort();
    const outcome = await cancelled;
    expect('error' in outcome && isAbortError(outcome.error)).toBe(true);
    expect(wire?.aborted).toBe(true);

    let hung: Outcome | undefined;
    void attempt(never, GET, new AbortController().signal, 1_000, clock.sleep).then((o) => {
      hung = o;
    });
    await clock.advance(999);
    expect(hung).toBeUndefined();
    await clock.advance(1);
    expect(hung).toEqual({
      error: expect.objectContaining({ kind: 'network', message: 'No answer within 1 s' }),
    });
    expect(wire?.aborted).toBe(true);
  });

  it('a transport that throws at once is a failure, not a crash', async () => {
    const boom = () => {
      throw new TypeError('bad');
    };
    const outcome = await attempt(boom, GET, new AbortController().signal, 1_000, fakeClock().sleep);
    expect(outcome).toEqual({ error: new TypeError('bad') });
  });

  it('a back-off wait runs its jittered delay, and ends at once when cancelled', async () => {
    const clock = fakeClock();
    const policy = { baseMs: 500, capMs: 30_000 };
    let ran: boolean | undefined;
    void backOff(2, new AbortController().signal, clock.sleep, () => 0.5, policy).then((r) => {
      ran = r;
    });
    await clock.advance(999);
    expect(ran).toBeUndefined();
    await clock.advance(1);
    expect(ran).toBe(true);
    const cancel = new AbortController();
    const cancelled = backOff(0, cancel.signal, clock.sleep, () => 0.5, policy);
    cancel.abort();
    expect(await cancelled).toBe(false);
  });
});
