import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../../lib/transport/attempt';
import {
  drop,
  finish,
  type Job,
  jobFor,
  newQueue,
  pickNext,
  requeue,
  type TicketWaiters,
  take,
  track,
  type Waiter,
} from '../../../lib/transport/job-queue';
import { flush } from './fake-clock';
import { get, response } from './fake-transport';
import { ACME, OTHER, ok, post, setup, setupManual } from './scheduler-setup';
import { watch } from './settled';

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
    // A first answer ends the cold start's one-at-a-time.
    const first = watch(stayed(get('/api/v2/users/me.json')));
    await flush();
    net.calls[0]!.respond(200);
    await clock.advance(0);
    expect(first.response?.status).toBe(200);
    const inFlight = watch(left(get('/api/v2/tickets/1.json')));
    const other = watch(stayed(get('/api/v2/tickets/2.json')));
    const queued = watch(left(get('/api/v2/tickets/1/comments.json')));
    await flush();
    expect(net.calls).toHaveLength(3);
    scheduler.cancelTicket('zendesk:acme.zendesk.com:1');
    await flush();
    expect(isAbortError(inFlight.error)).toBe(true);
    expect(isAbortError(queued.error)).toBe(true);
    expect(net.calls[1]!.signal.aborted).toBe(true);
    net.calls[2]!.respond(200);
    await clock.advance(0);
    expect(other.response?.status).toBe(200);
    expect(net.calls).toHaveLength(3);
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

describe('job queue, as pure functions', () => {
  const counter = () => {
    let n = 0;
    return () => n++;
  };
  const waiterOn = (job: Job, ticketKey?: string) => {
    const seen: { response?: unknown; error?: unknown; released: boolean } = { released: false };
    const waiter: Waiter = {
      job,
      ticketKey,
      resolve: (response) => {
        seen.response = response;
      },
      reject: (error) => {
        seen.error = error;
      },
      release: () => {
        seen.released = true;
      },
    };
    job.waiters.add(waiter);
    return { waiter, seen };
  };

  it('picks the view first, then arrival order', () => {
    const queue = newQueue();
    const seq = counter();
    const a = jobFor(queue, seq, ACME, post('/a'), 'background');
    const b = jobFor(queue, seq, ACME, post('/b'), 'view');
    const c = jobFor(queue, seq, ACME, post('/c'), 'view');
    expect(pickNext(queue.waiting)).toBe(b);
    take(queue, b);
    expect(pickNext(queue.waiting)).toBe(c);
    take(queue, c);
    expect(pickNext(queue.waiting)).toBe(a);
    take(queue, a);
    requeue(queue, a);
    expect(pickNext(queue.waiting)?.seq).toBe(0);
  });

  it('an identical GET joins the open one (the view’s priority wins); writes and other ETags never do', () => {
    const queue = newQueue();
    const seq = counter();
    const first = jobFor(queue, seq, ACME, get('/t.json'), 'background');
    expect(jobFor(queue, seq, ACME, get('/t.json'), 'view')).toBe(first);
    expect(first.priority).toBe('view');
    expect(jobFor(queue, seq, ACME, { ...get('/t.json'), ifNoneMatch: 'W/"1"' }, 'view')).not.toBe(first);
    expect(jobFor(queue, seq, ACME, post('/t.json'), 'view')).not.toBe(
      jobFor(queue, seq, ACME, post('/t.json'), 'view'),
    );
    expect(queue.waiting).toHaveLength(4);
  });

  it('a finished job settles every caller once and is no longer joined', () => {
    const queue = newQueue();
    const byTicket: TicketWaiters = new Map();
    const job = jobFor(queue, counter(), ACME, get('/t.json'), 'view');
    const one = waiterOn(job, 'T1');
    const two = waiterOn(job);
    track(byTicket, one.waiter);
    const answer = { status: 200, headers: {}, body: '{}' };
    finish(queue, byTicket, job, { response: answer });
    finish(queue, byTicket, job, { error: new Error('late') });
    expect([one.seen, two.seen]).toEqual([
      { response: answer, released: true },
      { response: answer, released: true },
    ]);
    expect(byTicket.size).toBe(0);
    expect(queue.waiting).toEqual([]);
    expect(jobFor(queue, counter(), ACME, get('/t.json'), 'view')).not.toBe(job);
  });

  it('a caller that gives up is rejected; the request is cancelled only when nobody else waits', () => {
    const queue = newQueue();
    const byTicket: TicketWaiters = new Map();
    const job = jobFor(queue, counter(), ACME, get('/t.json'), 'view');
    const one = waiterOn(job, 'T1');
    const two = waiterOn(job, 'T2');
    track(byTicket, one.waiter);
    track(byTicket, two.waiter);
    drop(queue, byTicket, one.waiter);
    expect(isAbortError(one.seen.error)).toBe(true);
    expect(job.controller.signal.aborted).toBe(false);
    expect([...byTicket.keys()]).toEqual(['T2']);
    drop(queue, byTicket, two.waiter);
    expect(job.controller.signal.aborted).toBe(true);
    expect(job.done).toBe(true);
    expect(queue.waiting).toEqual([]);
  });
});
