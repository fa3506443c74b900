import type { Client, HttpRequest, HttpResponse } from '../helpdesks/http';
import {
  abortError,
  attempt,
  backOff,
  networkError,
  type Outcome,
  realSleep,
  retryAfterAnswer,
  retryAfterFailure,
  type Sleep,
} from './attempt';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import {
  drop,
  finish,
  type Job,
  type JobQueue,
  jobFor,
  newQueue,
  type Priority,
  pickNext,
  requeue,
  type TicketWaiters,
  take,
  track,
  type Waiter,
} from './job-queue';
import type { PauseStore, SavedPauses } from './pause-store';
import { readRateHeaders } from './rate-headers';
import {
  DEFAULT_FLOOR,
  DEFAULT_PAUSE_MS,
  floorUntil,
  learn,
  newWindow,
  oneAtATime,
  pauseAfter429,
  pauseFor,
  type RateWindow,
  recordSend,
  waitBefore,
  windowStats,
} from './rate-window';
import { heldUntil, pauseTicket, pruneTicketPauses, type TicketPauses, ticketLimited } from './ticket-pause';

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

export interface SchedulerOptions {
  transport: RawTransport;
  now?: () => number;
  /** Resolves after `ms`; may resolve early when `signal` aborts. */
  sleep?: Sleep;
  /** [0, 1), for the retry jitter. */
  random?: () => number;
  /** Share of the plan's limit (per its window) this extension may use. Default 0.2. */
  budgetShare?: number;
  /** Assumed plan limit until the helpdesk's headers tell us. Default 200 (the smallest paid plans). */
  defaultLimitPerMinute?: number;
  /**
   * The window an account's limit counts over, where the headers cannot tell (an override: the
   * headers no longer change it); undefined leaves it to the headers.
   */
  windowFor?: (account: string) => number | undefined;
  /** Where pauses outlive the worker; none by default. */
  pauses?: PauseStore;
  /** Share of the budget that background work leaves free for the ticket in view. Default 0.25. */
  viewReserve?: number;
  /**
   * Share of the plan's limit left in the account's window (by everyone's use, as the rate headers
   * say) below which background work waits for the reset; the view is never held by it. Default
   * 0.3 (rate-window.ts DEFAULT_FLOOR); 0 turns it off.
   */
  backgroundFloor?: number;
  /** Retries after a 429, a 5xx or a network error (GET only for the last two). Default 4. */
  maxRetries?: number;
  /** Requests in flight per account. Default 4. */
  maxConcurrent?: number;
  backoff?: BackoffPolicy;
  /** An attempt with no answer by then counts as a network failure. Default 30 s. */
  timeoutMs?: number;
}

export interface AccountStats {
  /** Requests sent in the last window. */
  used: number;
  /** Our budget per window: budgetShare × planLimit. */
  limit: number;
  planLimit: number;
  /** The window the plan's limit counts over: a minute, or an hour on Freshdesk's older plans. */
  windowMs: number;
  /** The account's requests left in the helpdesk's window, as its last answer said; null if unknown. */
  remaining: number | null;
  queued: number;
  inFlight: number;
  /** Epoch ms until which the account is paused (429 or no quota left); 0 when not paused. */
  pausedUntil: number;
  /** Epoch ms until which background work waits: the account's remaining is below the floor; 0 when it does not. */
  backgroundHeldUntil: number;
  /** Ticket id → epoch ms until which its writes wait (a per-ticket 429). */
  ticketPauses: Record<string, number>;
}

export interface Scheduler {
  client(account: string, opts: { priority: Priority; ticketKey?: string; signal?: AbortSignal }): Client;
  /** Cancel queued/in-flight work tagged with this ticket (the rep left it). */
  cancelTicket(ticketKey: string): void;
  stats(account: string): AccountStats;
}

/** One account's part of the scheduler. */
interface Account {
  readonly window: RateWindow;
  readonly tickets: TicketPauses;
  readonly queue: JobQueue;
  inFlight: number;
  /** Its send loop is running (one per account at a time). */
  pumping: boolean;
  /** Ends the send loop's wait: new work arrived or a request finished. */
  wake: (() => void) | null;
}

/**
 * All the scheduler keeps. It lives in the worker's memory: a restart loses queued
 * requests with the callers that waited on them, and the rate window starts empty
 * until the next answer's headers; nothing the database keeps is lost. Only the
 * pauses a helpdesk asked for outlive it, in `pauses`.
 */
interface SchedulerState {
  readonly accounts: Map<string, Account>;
  readonly byTicket: TicketWaiters;
  nextSeq: number;
}

type Config = Required<Omit<SchedulerOptions, 'transport' | 'windowFor' | 'pauses'>> &
  Pick<SchedulerOptions, 'transport' | 'windowFor' | 'pauses'>;

const withDefaults = (options: SchedulerOptions): Config => ({
  transport: options.transport,
  now: options.now ?? Date.now,
  sleep: options.sleep ?? realSleep,
  random: options.random ?? Math.random,
  budgetShare: options.budgetShare ?? 0.2,
  defaultLimitPerMinute: options.defaultLimitPerMinute ?? 200,
  viewReserve: options.viewReserve ?? 0.25,
  backgroundFloor: options.backgroundFloor ?? DEFAULT_FLOOR,
  maxRetries: options.maxRetries ?? 4,
  maxConcurrent: options.maxConcurrent ?? 4,
  backoff: options.backoff ?? DEFAULT_BACKOFF,
  timeoutMs: options.timeoutMs ?? 30_000,
  windowFor: options.windowFor,
  pauses: options.pauses,
});

/**
 * The per-account request scheduler, wiring three parts: the rate window
 * (rate-window.ts: the account's budget over a sliding minute or hour, Retry-After
 * and an exhausted quota pausing it, background sends spaced as the quota runs low and
 * held below the account-wide floor; a per-ticket
 * 429 holds only that ticket's writes, ticket-pause.ts), the job queue (job-queue.ts: the ticket in view ahead
 * of background work, identical GETs shared, cancellation by signal or by ticket) and
 * the attempt (attempt.ts: one request with its timeout, and whether to retry it).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const cfg = withDefaults(options);
  const state: SchedulerState = { accounts: new Map(), byTicket: new Map(), nextSeq: 0 };

  const accountOf = (account: string): Account => {
    let found = state.accounts.get(account);
    if (found === undefined) {
      found = {
        window: newWindow(cfg.defaultLimitPerMinute, cfg.windowFor?.(account) ?? null),
        tickets: new Map(),
        queue: newQueue(),
        inFlight: 0,
        pumping: false,
        wake: null,
      };
      state.accounts.set(account, found);
    }
    return found;
  };

  /** The pauses still running, as `pauses` keeps them. */
  const savedPauses = (now: number): SavedPauses => {
    const saved: SavedPauses = {};
    for (const [name, { window, tickets }] of state.accounts) {
      pruneTicketPauses(tickets, now);
      if (window.pausedUntil > now || tickets.size > 0)
        saved[name] = { until: window.pausedUntil, tickets: Object.fromEntries(tickets) };
    }
    return saved;
  };

  // A lost save costs at most one 429 after a restart: the helpdesk then says again how long.
  const persistPauses = (): void => void cfg.pauses?.save(savedPauses(cfg.now())).catch(() => {});

  const restorePauses = (saved: SavedPauses): void => {
    const now = cfg.now();
    for (const [name, pause] of Object.entries(saved)) {
      const account = accountOf(name);
      pauseFor(account.window, now, pause.until - now);
      for (const [ticket, until] of Object.entries(pause.tickets))
        pauseTicket(account.tickets, ticket, now, until - now);
    }
  };

  /** Pauses saved by an earlier worker; every send loop waits for them once. */
  let restoring: Promise<void> | null = cfg.pauses?.load().then(restorePauses, () => undefined) ?? null;

  const wake = (account: Account): void => {
    const resolve = account.wake;
    account.wake = null;
    resolve?.();
  };

  const nextWake = (account: Account): Promise<void> =>
    new Promise((resolve) => {
      account.wake = resolve;
    });

  const settle = (job: Job, outcome: Outcome): void =>
    finish(accountOf(job.account).queue, state.byTicket, job, outcome);

  const resend = (job: Job): void => {
    const account = accountOf(job.account);
    requeue(account.queue, job);
    void pump(account);
  };

  const retryLater = async (job: Job): Promise<void> => {
    const waited = backOff(job.retries, job.controller.signal, cfg.sleep, cfg.random, cfg.backoff);
    job.retries += 1;
    if ((await waited) && !job.done) resend(job);
  };

  /** A 429 pauses the account, or only the writes of the ticket it names. */
  const onTooMany = (job: Job, account: Account, response: HttpResponse, now: number): void => {
    const info = readRateHeaders(response.headers, now);
    const ticket = ticketLimited(job.request, response, info);
    if (ticket === null) pauseFor(account.window, now, pauseAfter429(info));
    else pauseTicket(account.tickets, ticket, now, info.retryAfterMs ?? DEFAULT_PAUSE_MS);
  };

  const onResponse = async (job: Job, account: Account, response: HttpResponse): Promise<void> => {
    const now = cfg.now();
    const pausedBefore = account.window.pausedUntil;
    learn(account.window, now, readRateHeaders(response.headers, now));
    if (response.status === 429) onTooMany(job, account, response, now);
    if (response.status === 429 || account.window.pausedUntil !== pausedBefore) persistPauses();
    switch (retryAfterAnswer(response.status, job.request, job.retries, cfg.maxRetries)) {
      case 'resend':
        job.retries += 1;
        resend(job);
        return;
      case 'back-off':
        await retryLater(job);
        return;
      case 'settle':
        settle(job, { response });
    }
  };

  const onFailure = async (job: Job, error: unknown): Promise<void> => {
    switch (retryAfterFailure(error, job.request, job.retries, cfg.maxRetries)) {
      case 'back-off':
        await retryLater(job);
        return;
      case 'settle-as-network':
        settle(job, {
          error: networkError(
            job.request,
            error instanceof Error ? error.message : 'The helpdesk could not be reached',
          ),
        });
        return;
      default:
        settle(job, { error });
    }
  };

  const run = async (job: Job, account: Account): Promise<void> => {
    account.inFlight += 1;
    recordSend(account.window, cfg.now());
    const outcome = await attempt(
      (signal) => cfg.transport(job.account, job.request, signal),
      job.request,
      job.controller.signal,
      cfg.timeoutMs,
      cfg.sleep,
    );
    account.inFlight -= 1;
    wake(account);
    if (job.done) return;
    if ('response' in outcome) await onResponse(job, account, outcome.response);
    else await onFailure(job, outcome.error);
  };

  /** Until the first held write may go, when every waiting job is a held write. */
  const firstRelease = (account: Account, now: number): number =>
    account.queue.waiting.reduce(
      (first, job) => Math.min(first, heldUntil(account.tickets, job.request, now)),
      Number.POSITIVE_INFINITY,
    );

  /** One loop per account at a time; it ends when the queue is empty. */
  const pump = async (account: Account): Promise<void> => {
    if (account.pumping) return;
    account.pumping = true;
    try {
      if (restoring !== null) {
        await restoring;
        restoring = null;
      }
      for (;;) {
        if (account.queue.waiting.length === 0) return;
        const now = cfg.now();
        const job = pickNext(account.queue.waiting, (j) => heldUntil(account.tickets, j.request, now) > 0);
        const wait =
          job === undefined
            ? firstRelease(account, now) - now
            : waitBefore(account.window, now, cfg, job.priority);
        if (wait > 0 || job === undefined) {
          // New work (maybe a view request with budget left) or a finished request
          // ends the wait early; the loop then re-decides.
          const timer = new AbortController();
          await Promise.race([cfg.sleep(wait, timer.signal), nextWake(account)]);
          timer.abort();
        } else if (account.inFlight >= (oneAtATime(account.window, now) ? 1 : cfg.maxConcurrent)) {
          await nextWake(account);
        } else {
          take(account.queue, job);
          void run(job, account);
        }
      }
    } finally {
      account.pumping = false;
    }
  };

  const submit = (
    accountName: string,
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
      const account = accountOf(accountName);
      const job = jobFor(account.queue, () => state.nextSeq++, accountName, request, priority);
      const waiter: Waiter = { job, ticketKey, resolve, reject, release: () => {} };
      const onAbort = () => drop(account.queue, state.byTicket, waiter);
      for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
      waiter.release = () => {
        for (const signal of signals) signal.removeEventListener('abort', onAbort);
      };
      job.waiters.add(waiter);
      track(state.byTicket, waiter);
      wake(account);
      void pump(account);
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
      const waiters = state.byTicket.get(ticketKey);
      if (waiters === undefined) return;
      for (const waiter of [...waiters]) drop(accountOf(waiter.job.account).queue, state.byTicket, waiter);
    },

    stats(account) {
      const { window, tickets, queue, inFlight } = accountOf(account);
      const now = cfg.now();
      pruneTicketPauses(tickets, now);
      const held = floorUntil(window, now, cfg.backgroundFloor);
      return {
        ...windowStats(window, now, cfg.budgetShare),
        backgroundHeldUntil: held > now ? held : 0,
        queued: queue.waiting.length,
        inFlight,
        ticketPauses: Object.fromEntries(tickets),
      };
    },
  };
}
