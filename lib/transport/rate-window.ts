import type { Priority } from './job-queue';
import type { RateInfo } from './rate-headers';

/**
 * One account's request budget over a sliding minute. The rate limit belongs to the
 * whole helpdesk account, and every agent's browser, integration and app draws on it,
 * so Frontline takes only `budgetShare` of the plan's limit. It learns the limit from
 * the rate-limit headers of its own answers, and when the helpdesk says none remains
 * (someone else spent it) it pauses the account until the reset, as it does for a 429.
 * The window lives in the worker's memory only: a restarted worker starts empty and
 * learns the limit again from the next answer.
 */
export interface RateWindow {
  /** Send times within the sliding window, oldest first. */
  readonly sends: number[];
  planLimit: number;
  /** Epoch ms until which nothing is sent (429 or no quota left); in the past when not paused. */
  pausedUntil: number;
}

/** How much of the plan's limit is ours, and how much of that background work leaves the view. */
export interface RateShare {
  /** Share of the plan's per-minute limit this extension may use. */
  budgetShare: number;
  /** Share of that budget that background work leaves free for the ticket in view. */
  viewReserve: number;
}

export const WINDOW_MS = 60_000;
/** Pause after a 429 that names no wait, or when the quota is gone and no reset is given. */
export const DEFAULT_PAUSE_MS = WINDOW_MS;
/** A Retry-After beyond this is treated as a misconfiguration, not an instruction. */
export const MAX_PAUSE_MS = 5 * WINDOW_MS;

export const newWindow = (planLimit: number): RateWindow => ({ sends: [], planLimit, pausedUntil: 0 });

/** Requests per window for a priority: background leaves `viewReserve` of the budget to the view. */
export function budgetFor(planLimit: number, budgetShare: number, viewReserve: number, priority: Priority) {
  const budget = Math.max(1, Math.floor(planLimit * budgetShare));
  if (priority === 'view') return budget;
  return Math.max(1, budget - Math.floor(budget * viewReserve));
}

/** Forgets sends that left the window. */
export const pruneWindow = (window: RateWindow, now: number): void => {
  while (window.sends.length > 0 && window.sends[0]! <= now - WINDOW_MS) window.sends.shift();
};

export const recordSend = (window: RateWindow, now: number): void => {
  window.sends.push(now);
};

/** Pauses the account for `ms` (at most MAX_PAUSE_MS); an earlier, longer pause stands. */
export const pauseFor = (window: RateWindow, now: number, ms: number): void => {
  window.pausedUntil = Math.max(window.pausedUntil, now + Math.min(ms, MAX_PAUSE_MS));
};

/** What an answer's rate-limit headers say about the account. */
export const learn = (window: RateWindow, now: number, info: RateInfo): void => {
  if (info.limit !== null && info.limit > 0) window.planLimit = info.limit;
  // Someone else (another device, an integration) used up the account's quota.
  if (info.remaining === 0) pauseFor(window, now, info.resetMs ?? DEFAULT_PAUSE_MS);
};

/** How long a 429 pauses the account: Retry-After, else the window's reset, else a minute. */
export const pauseAfter429 = (info: RateInfo): number =>
  info.retryAfterMs ?? info.resetMs ?? DEFAULT_PAUSE_MS;

/** Milliseconds until a request of `priority` may be sent: the pause, or the oldest send in the way. */
export const waitBefore = (window: RateWindow, now: number, share: RateShare, priority: Priority): number => {
  pruneWindow(window, now);
  const allowed = budgetFor(window.planLimit, share.budgetShare, share.viewReserve, priority);
  const windowWait =
    window.sends.length >= allowed ? window.sends[window.sends.length - allowed]! + WINDOW_MS - now : 0;
  return Math.max(0, window.pausedUntil - now, windowWait);
};

/** The window as `stats` reports it. */
export const windowStats = (window: RateWindow, now: number, budgetShare: number) => {
  pruneWindow(window, now);
  return {
    used: window.sends.length,
    limit: budgetFor(window.planLimit, budgetShare, 0, 'view'),
    planLimit: window.planLimit,
    pausedUntil: window.pausedUntil > now ? window.pausedUntil : 0,
  };
};
