import type { HttpRequest, HttpResponse } from '../helpdesks/http';
import { abortError, type Outcome } from './attempt';

/**
 * `view`: the ticket in view and the writes someone waits on. `attended`: bulk reads a person
 * watches fill (the manager's review load): after the view, within background's budget and
 * pace, but not held by the account floor (rate-window.ts). `background`: unattended work.
 */
export type Priority = 'view' | 'attended' | 'background';

const RANK: Readonly<Record<Priority, number>> = { view: 0, attended: 1, background: 2 };

/** One caller waiting on a job; several join one job when identical GETs are de-duplicated. */
export interface Waiter {
  readonly job: Job;
  readonly ticketKey: string | undefined;
  readonly resolve: (response: HttpResponse) => void;
  readonly reject: (error: unknown) => void;
  /** Stops listening to the caller's signals. */
  release: () => void;
}

export interface Job {
  /** Arrival order: FIFO within a priority, and a retried job keeps its place. */
  readonly seq: number;
  readonly account: string;
  readonly request: HttpRequest;
  readonly dedupeKey: string | null;
  priority: Priority;
  readonly waiters: Set<Waiter>;
  /** Aborted when the last caller gives up: cancels the attempt on the wire and a backoff wait. */
  readonly controller: AbortController;
  retries: number;
  done: boolean;
}

/** One account's jobs waiting to be sent, and its GETs not yet settled, which identical GETs join. */
export interface JobQueue {
  readonly waiting: Job[];
  readonly openGets: Map<string, Job>;
}

/** Callers by the ticket they read for, so leaving a ticket cancels its work. */
export type TicketWaiters = Map<string, Set<Waiter>>;

export const newQueue = (): JobQueue => ({ waiting: [], openGets: new Map() });

/** A conditional GET only shares with one holding the same ETag: the other caller could not use a 304. */
export const dedupeKeyOf = (request: HttpRequest): string => `${request.path} ${request.ifNoneMatch ?? ''}`;

/** The ticket in view first, then attended work, then arrival order; a `held` job (a write its ticket's limit holds back) waits. */
export const pickNext = (
  waiting: readonly Job[],
  held: (job: Job) => boolean = () => false,
): Job | undefined => {
  let best: Job | undefined;
  for (const job of waiting) {
    if (held(job)) continue;
    if (
      best === undefined ||
      RANK[job.priority] < RANK[best.priority] ||
      (job.priority === best.priority && job.seq < best.seq)
    ) {
      best = job;
    }
  }
  return best;
};

/** Takes a job out of the waiting line (to send it, or because it is over). */
export const take = (queue: JobQueue, job: Job): void => {
  const at = queue.waiting.indexOf(job);
  if (at >= 0) queue.waiting.splice(at, 1);
};

/** Puts a job back in line; it keeps its place by `seq`. */
export const requeue = (queue: JobQueue, job: Job): void => {
  queue.waiting.push(job);
};

/**
 * The job a request joins: an identical GET not yet settled (the higher priority wins),
 * else a new job at the end of the line.
 */
export function jobFor(
  queue: JobQueue,
  nextSeq: () => number,
  account: string,
  request: HttpRequest,
  priority: Priority,
): Job {
  const dedupeKey = request.method === 'GET' ? dedupeKeyOf(request) : null;
  const open = dedupeKey === null ? undefined : queue.openGets.get(dedupeKey);
  if (open !== undefined) {
    if (RANK[priority] < RANK[open.priority]) open.priority = priority;
    return open;
  }
  const job: Job = {
    seq: nextSeq(),
    account,
    request,
    dedupeKey,
    priority,
    waiters: new Set(),
    controller: new AbortController(),
    retries: 0,
    done: false,
  };
  queue.waiting.push(job);
  if (dedupeKey !== null) queue.openGets.set(dedupeKey, job);
  return job;
}

export const track = (byTicket: TicketWaiters, waiter: Waiter): void => {
  if (waiter.ticketKey === undefined) return;
  const set = byTicket.get(waiter.ticketKey) ?? new Set<Waiter>();
  set.add(waiter);
  byTicket.set(waiter.ticketKey, set);
};

const untrack = (byTicket: TicketWaiters, waiter: Waiter): void => {
  if (waiter.ticketKey === undefined) return;
  const set = byTicket.get(waiter.ticketKey);
  set?.delete(waiter);
  if (set?.size === 0) byTicket.delete(waiter.ticketKey);
};

/** A job over: no longer joinable, no longer waiting. */
const forget = (queue: JobQueue, job: Job): void => {
  if (job.dedupeKey !== null && queue.openGets.get(job.dedupeKey) === job)
    queue.openGets.delete(job.dedupeKey);
  take(queue, job);
};

/** Settles every caller of a job with its outcome; a job settles once. */
export function finish(queue: JobQueue, byTicket: TicketWaiters, job: Job, outcome: Outcome): void {
  if (job.done) return;
  job.done = true;
  forget(queue, job);
  for (const waiter of job.waiters) {
    waiter.release();
    untrack(byTicket, waiter);
    if ('response' in outcome) waiter.resolve(outcome.response);
    else waiter.reject(outcome.error);
  }
  job.waiters.clear();
}

/** One caller gives up; the request itself is cancelled only when nobody else waits on it. */
export function drop(queue: JobQueue, byTicket: TicketWaiters, waiter: Waiter): void {
  const job = waiter.job;
  if (!job.waiters.delete(waiter)) return;
  waiter.release();
  untrack(byTicket, waiter);
  waiter.reject(abortError());
  if (job.waiters.size === 0 && !job.done) {
    job.done = true;
    forget(queue, job);
    job.controller.abort();
  }
}
