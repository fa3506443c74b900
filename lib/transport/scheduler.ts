import { type Client, HelpdeskError, type HttpRequest, type HttpResponse } from '../helpdesks/http';
import { endpointName } from '../helpdesks/parse';
import { type BackoffPolicy, DEFAULT_BACKOFF, fullJitterDelay } from './backoff';
import { type RateInfo, readRateHeaders } from './rate-headers';

/**
 * Runs one request for one account (session or API token). Resolves with any HTTP
 * status; throws on network failure. A thrown HelpdeskError whose kind is not
 * `network` (e.g. `signed-out`: no tab to run the session request) is final and
 * reaches the caller unchanged; anything else thrown counts as a network failure.
 */
export type RawTransport = (
  account: string,
  request: HttpRequest,
  signal: AbortSignal,
) => Promise<HttpResponse>;

export type Priority = 'view' | 'background';

export interface SchedulerOptions {
  transport: RawTransport;
  now?: () => number;
  /** Resolves after `ms`; may resolve early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1), for the retry jitter. */
  random?: () => number;
  /** Share of the plan's per-minute limit this extension may use. Default 0.2. */
  budgetShare?: number;
  /** Assumed plan limit until the helpdesk's headers tell us. Default 200 (the smallest paid plans). */
  defaultLimitPerMinute?: number;
  /** Share of the budget that background work leaves free for the ticket in view. Default 0.25. */
  viewReserve?: number;
  /** Retries after a 429, a 5xx or a network error (GET only for the last two). Default 4. */
  maxRetries?: number;
  /** Requests in flight per account. Default 4. */
  maxConcurrent?: number;
  backoff?: BackoffPolicy;
  /** An attempt with no answer by then counts as a network failure. Default 30 s. */
  timeoutMs?: number;
}

export interface AccountStats {
  /** Requests sent in the last minute. */
  used: number;
  /** Our budget per minute: budgetShare × planLimit. */
  limit: number;
  planLimit: number;
  queued: number;
  inFlight: number;
  /** Epoch ms until which the account is paused (429 or no quota left); 0 when not paused. */
  pausedUntil: number;
}

export interface Scheduler {
  client(account: string, opts: { priority: Priority; ticketKey?: string; signal?: AbortSignal }): Client;
  /** Cancel queued/in-flight work tagged with this ticket (the rep left it). */
  cancelTicket(ticketKey: string): void;
  stats(account: string): AccountStats;
}

const WINDOW_MS = 60_000;
/** Pause after a 429 that names no wait, or when the quota is gone and no reset is given. */
const DEFAULT_PAUSE_MS = WINDOW_MS;
/** A Retry-After beyond this is treated as a misconfiguration, not an instruction. */
const MAX_PAUSE_MS = 5 * WINDOW_MS;

/** One caller waiting on a job; several join one job when identical GETs are de-duplicated. */
interface Waiter {
  readonly job: Job;
  readonly ticketKey: string | undefined;
  readonly resolve: (response: HttpResponse) => void;
  readonly reject: (error: unknown) => void;
  release: () => void;
}

interface Job {
  /** Arrival order: FIFO within a priority, and a retried job keeps its place. */
  readonly seq: number;
  readonly account: string;
  readonly request: HttpRequest;
  readonly dedupeKey: string | null;
  priority: Priority;
  readonly waiters: Set<Waiter>;
  readonly controller: AbortController;
  retries: number;
  done: boolean;
}

interface AccountState {
  /** Send times within the sliding window, oldest first. */
  readonly sends: number[];
  planLimit: number;
  pausedUntil: number;
  readonly queue: Job[];
  inFlight: number;
  pumping: boolean;
  wake: (() => void) | null;
  readonly inFlightGets: Map<string, Job>;
}

type Outcome = { response: HttpResponse } | { error: unknown };

type Config = Required<Omit<SchedulerOptions, 'transport'>> & Pick<SchedulerOptions, 'transport'>;

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

export const abortError = (): DOMException => new DOMException('The request was cancelled', 'AbortError');

export const isAbortError = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'AbortError';

const withDefaults = (options: SchedulerOptions): Config => ({
  transport: options.transport,
  now: options.now ?? Date.now,
  sleep: options.sleep ?? realSleep,
  random: options.random ?? Math.random,
  budgetShare: options.budgetShare ?? 0.2,
  defaultLimitPerMinute: options.defaultLimitPerMinute ?? 200,
  viewReserve: options.viewReserve ?? 0.25,
  maxRetries: options.maxRetries ?? 4,
  maxConcurrent: options.maxConcurrent ?? 4,
  backoff: options.backoff ?? DEFAULT_BACKOFF,
  timeoutMs: options.timeoutMs ?? 30_000,
});

/** Requests per window for a priority: background leaves `viewReserve` of the budget to the view. */
export function budgetFor(planLimit: number, budgetShare: number, viewReserve: number, priority: Priority) {
  const budget = Math.max(1, Math.floor(planLimit * budgetShare));
  if (priority === 'view') return budget;
  return Math.max(1, budget - Math.floor(budget * viewReserve));
}

/** A conditional GET only shares with one holding the same ETag: the other caller could not use a 304. */
const dedupeKeyOf = (request: HttpRequest): string => `${request.path} ${request.ifNoneMatch ?? ''}`;

const pickNext = (queue: Job[]): Job | undefined => {
  let best: Job | undefined;
  for (const job of queue) {
    if (
      best === undefined ||
      (job.priority === 'view' && best.priority === 'background') ||
      (job.priority === best.priority && job.seq < best.seq)
    ) {
      best = job;
    }
  }
  return best;
};

const pruneWindow = (state: AccountState, now: number): void => {
  while (state.sends.length > 0 && state.sends[0]! <= now - WINDOW_MS) state.sends.shift();
};

const removeFromQueue = (state: AccountState, job: Job): void => {
  const at = state.queue.indexOf(job);
  if (at >= 0) state.queue.splice(at, 1);
};

/** Rejects as soon as `signal` aborts, so a cancelled job stops waiting on a backoff sleep. */
const abortable = (promise: Promise<void>, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });

/**
 * The per-account request scheduler: a budget learnt from the rate-limit headers
 * over a sliding minute, the ticket in view ahead of background work, Retry-After
 * honoured by pausing the account, jittered retries of GETs, identical GETs in
 * flight shared, and cancellation by signal or by ticket. All state lives in this
 * closure; it only matters while the service worker is alive, and losing it on a
 * restart loses nothing the database does not keep.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const cfg = withDefaults(options);
  const accounts = new Map<string, AccountState>();
  const byTicket = new Map<string, Set<Waiter>>();
  let nextSeq = 0;

  const stateOf = (account: string): AccountState => {
    let state = accounts.get(account);
    if (state === undefined) {
      state = {
        sends: [],
        planLimit: cfg.defaultLimitPerMinute,
        pausedUntil: 0,
        queue: [],
        inFlight: 0,
        pumping: false,
        wake: null,
        inFlightGets: new Map(),
      };
      accounts.set(account, state);
    }
    return state;
  };

  const wake = (state: AccountState): void => {
    const resolve = state.wake;
    state.wake = null;
    resolve?.();
  };

  const untrack = (waiter: Waiter): void => {
    if (waiter.ticketKey === undefined) return;
    const set = byTicket.get(waiter.ticketKey);
    set?.delete(waiter);
    if (set?.size === 0) byTicket.delete(waiter.ticketKey);
  };

  const forget = (job: Job): void => {
    const state = stateOf(job.account);
    if (job.dedupeKey !== null && state.inFlightGets.get(job.dedupeKey) === job) {
      state.inFlightGets.delete(job.dedupeKey);
    }
    removeFromQueue(state, job);
  };

  const finish = (job: Job, outcome: Outcome): void => {
    if (job.done) return;
    job.done = true;
    forget(job);
    for (const waiter of job.waiters) {
      waiter.release();
      untrack(waiter);
      if ('response' in outcome) waiter.resolve(outcome.response);
      else waiter.reject(outcome.error);
    }
    job.waiters.clear();
  };

  /** One caller gives up; the request itself is cancelled only when nobody else waits on it. */
  const drop = (waiter: Waiter): void => {
    const job = waiter.job;
    if (!job.waiters.delete(waiter)) return;
    waiter.release();
    untrack(waiter);
    waiter.reject(abortError());
    if (job.waiters.size === 0 && !job.done) {
      job.done = true;
      forget(job);
      job.controller.abort();
    }
  };

  const pauseFor = (state: AccountState, ms: number): void => {
    state.pausedUntil = Math.max(state.pausedUntil, cfg.now() + Math.min(ms, MAX_PAUSE_MS));
  };

  const learn = (state: AccountState, info: RateInfo): void => {
    if (info.limit !== null && info.limit > 0) state.planLimit = info.limit;
    // Someone else (another device, an integration) used up the account's quota.
    if (info.remaining === 0) pauseFor(state, info.resetMs ?? DEFAULT_PAUSE_MS);
  };

  const waitBefore = (state: AccountState, priority: Priority): number => {
    const now = cfg.now();
    pruneWindow(state, now);
    const allowed = budgetFor(state.planLimit, cfg.budgetShare, cfg.viewReserve, priority);
    const windowWait =
      state.sends.length >= allowed ? state.sends[state.sends.length - allowed]! + WINDOW_MS - now : 0;
    return Math.max(0, state.pausedUntil - now, windowWait);
  };

  const nextWake = (state: AccountState): Promise<void> =>
    new Promise((resolve) => {
      state.wake = resolve;
    });

  const requeue = (job: Job): void => {
    const state = stateOf(job.account);
    state.queue.push(job);
    void pump(state);
  };

  const retryLater = async (job: Job): Promise<void> => {
    const delay = fullJitterDelay(job.retries, cfg.random, cfg.backoff);
    job.retries += 1;
    try {
      await abortable(cfg.sleep(delay, job.controller.signal), job.controller.signal);
    } catch {
      return;
    }
    if (!job.done) requeue(job);
  };

  const onResponse = async (job: Job, state: AccountState, response: HttpResponse): Promise<void> => {
    const info = readRateHeaders(response.headers, cfg.now());
    learn(state, info);
    if (response.status === 429) {
      // The helpdesk refused the request without acting on it, so any method may be re-sent.
      pauseFor(state, info.retryAfterMs ?? info.resetMs ?? DEFAULT_PAUSE_MS);
      if (job.retries < cfg.maxRetries) {
        job.retries += 1;
        requeue(job);
        return;
      }
    } else if (response.status >= 500 && job.request.method === 'GET' && job.retries < cfg.maxRetries) {
      await retryLater(job);
      return;
    }
    finish(job, { response });
  };

  const onFailure = async (job: Job, error: unknown): Promise<void> => {
    if (error instanceof HelpdeskError && error.kind !== 'network') {
      finish(job, { error });
      return;
    }
    // A write may have landed before the connection dropped: only the caller can
    // check (e.g. look for the grant's marker) before sending it again.
    if (job.request.method === 'GET' && job.retries < cfg.maxRetries) {
      await retryLater(job);
      return;
    }
    const message = error instanceof Error ? error.message : 'The helpdesk could not be reached';
    finish(job, {
      error: new HelpdeskError('network', endpointName(job.request.method, job.request.path), message),
    });
  };

  /**
   * One try on the wire. It settles as soon as the job is cancelled or the timeout
   * passes, even if the transport never answers (a tab closed mid-request), so a
   * hung request cannot hold a concurrency slot.
   */
  const attempt = (job: Job): Promise<Outcome> =>
    new Promise((resolve) => {
      const controller = new AbortController();
      const timer = new AbortController();
      const cancel = () => controller.abort(abortError());
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        timer.abort();
        job.controller.signal.removeEventListener('abort', cancel);
        resolve(outcome);
      };
      job.controller.signal.addEventListener('abort', cancel, { once: true });
      controller.signal.addEventListener('abort', () => settle({ error: controller.signal.reason }), {
        once: true,
      });
      void cfg.sleep(cfg.timeoutMs, timer.signal).then(() => {
        if (!settled) {
          const message = `No answer within ${cfg.timeoutMs / 1000} s`;
          controller.abort(
            new HelpdeskError('network', endpointName(job.request.method, job.request.path), message),
          );
        }
      });
      new Promise<HttpResponse>((answer) =>
        answer(cfg.transport(job.account, job.request, controller.signal)),
      ).then(
        (response) => settle({ response }),
        (error: unknown) => settle({ error }),
      );
    });

  const run = async (job: Job, state: AccountState): Promise<void> => {
    state.inFlight += 1;
    state.sends.push(cfg.now());
    const outcome = await attempt(job);
    state.inFlight -= 1;
    wake(state);
    if (job.done) return;
    if ('response' in outcome) await onResponse(job, state, outcome.response);
    else await onFailure(job, outcome.error);
  };

  /** One loop per account at a time; it ends when the queue is empty. */
  const pump = async (state: AccountState): Promise<void> => {
    if (state.pumping) return;
    state.pumping = true;
    try {
      for (;;) {
        const job = pickNext(state.queue);
        if (job === undefined) return;
        const wait = waitBefore(state, job.priority);
        if (wait > 0) {
          // New work (maybe a view request with budget left) or a finished request
          // ends the wait early; the loop then re-decides.
          const timer = new AbortController();
          await Promise.race([cfg.sleep(wait, timer.signal), nextWake(state)]);
          timer.abort();
        } else if (state.inFlight >= cfg.maxConcurrent) {
          await nextWake(state);
        } else {
          removeFromQueue(state, job);
          void run(job, state);
        }
      }
    } finally {
      state.pumping = false;
    }
  };

  const submit = (
    account: string,
    request: HttpRequest,
    priority: Priority,
    ticketKey: string | undefined,
    signals: AbortSignal[],
  ): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      if (signals.some((signal) => signal.aborted)) {
        reject(abortError());
        return;
      }
      const state = stateOf(account);
      const dedupeKey = request.method === 'GET' ? dedupeKeyOf(request) : null;
      let job = dedupeKey === null ? undefined : state.inFlightGets.get(dedupeKey);
      if (job === undefined) {
        job = {
          seq: nextSeq++,
          account,
          request,
          dedupeKey,
          priority,
          waiters: new Set(),
          controller: new AbortController(),
          retries: 0,
          done: false,
        };
        state.queue.push(job);
        if (dedupeKey !== null) state.inFlightGets.set(dedupeKey, job);
      } else if (priority === 'view') {
        job.priority = 'view';
      }
      const waiter: Waiter = { job, ticketKey, resolve, reject, release: () => {} };
      const onAbort = () => drop(waiter);
      for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
      waiter.release = () => {
        for (const signal of signals) signal.removeEventListener('abort', onAbort);
      };
      job.waiters.add(waiter);
      if (ticketKey !== undefined) {
        const set = byTicket.get(ticketKey) ?? new Set<Waiter>();
        set.add(waiter);
        byTicket.set(ticketKey, set);
      }
      wake(state);
      void pump(state);
    });

  return {
    client(account, opts) {
      return (request, callOptions) =>
        submit(
          account,
          request,
          opts.priority,
          opts.ticketKey,
          [opts.signal, callOptions?.signal].filter((signal): signal is AbortSignal => signal !== undefined),
        );
    },

    cancelTicket(ticketKey) {
      const waiters = byTicket.get(ticketKey);
      if (waiters === undefined) return;
      for (const waiter of [...waiters]) drop(waiter);
    },

    stats(account) {
      const state = stateOf(account);
      const now = cfg.now();
      pruneWindow(state, now);
      return {
        used: state.sends.length,
        limit: budgetFor(state.planLimit, cfg.budgetShare, 0, 'view'),
        planLimit: state.planLimit,
        queued: state.queue.length,
        inFlight: state.inFlight,
        pausedUntil: state.pausedUntil > now ? state.pausedUntil : 0,
      };
    },
  };
}
