import type { Priority } from './job-queue';
import { MINUTE_MS, type RateInfo } from './rate-headers';

/**
 * One account's request budget over a sliding window: a minute, or an hour on Freshdesk's older
 * plans (rate-headers.ts decides which from the answers). The rate limit belongs to the whole
 * helpdesk account, and every agent's browser, integration and app draws on it, so Frontline
 * takes only `budgetShare` of the plan's limit. It learns the limit and the window from the
 * rate-limit headers of its own answers; as the account's `remaining` falls below half the plan,
 * background sends are spaced so Frontline's share of what remains lasts until the reset; below
 * the floor (30% of the plan by default) background work waits for the reset, leaving the rest to
 * the helpdesk's other users and to the tickets reps have in view; when the helpdesk says none
 * remains (someone else spent it) it pauses the account until the reset, as it does for a 429,
 * for as long as `Retry-After` says.
 */
export interface RateWindow {
  /** Send times within the sliding window, oldest first. */
  readonly sends: number[];
  planLimit: number;
  /** How long the helpdesk counts `planLimit` over. */
  windowMs: number;
  /** Set by the caller's override: the headers no longer change `windowMs`. */
  windowFixed: boolean;
  /** Epoch ms until which nothing is sent (429 or no quota left); in the past when not paused. */
  pausedUntil: number;
  /** The account's requests left in the helpdesk's current window, as its last answer said; null if unknown. */
  remaining: number | null;
  /** When `remaining` was learned: what was spent since is taken from it (leftNow). */
  learnedAt: number;
  /**
   * What everyone else (the team's other browsers, integrations) spends of the account, in
   * requests per ms, estimated from how `remaining` fell between answers beyond this browser's own
   * sends. 200 browsers each acting on a count seconds old is how an account reaches 0 between
   * two of any one browser's answers.
   */
  othersPerMs: number;
  /** The count the current estimate of `othersPerMs` runs from. */
  drainFrom: { at: number; remaining: number } | null;
  /**
   * Whether any answer came back yet. Until one does, this browser knows nothing of what the
   * account has left, so it sends one request at a time (the scheduler's cold start).
   */
  answered: boolean;
  /** When the helpdesk's current window ends (epoch ms): its reset header, else estimated; null if unknown. */
  resetAt: number | null;
}

/** How much of the plan's limit is ours, and how much of that background work leaves the view. */
export interface RateShare {
  /** Share of the plan's limit this extension may use. */
  budgetShare: number;
  /** Share of that budget that background work leaves free for the ticket in view. */
  viewReserve: number;
  /**
   * Share of the plan's limit, left in the account's window, below which background work waits
   * for the reset (DEFAULT_FLOOR when absent; 0 turns the floor off).
   */
  backgroundFloor?: number;
}

/** Pause after a 429 that names no wait, or when the quota is gone and no reset is known. */
export const DEFAULT_PAUSE_MS = MINUTE_MS;
/** Below this share of the plan left in the helpdesk's window, background sends are spaced out. */
export const PACE_BELOW = 0.5;
/**
 * Below this share of the plan left in the account's window, background work (ledger, watcher,
 * names, review) waits for the reset. The remaining count is the whole account's, every browser of
 * every rep reads the same one, so the floor holds all of them together once 70% of the window is
 * spent, by anyone. What is left is more than the share any one browser may take (budgetShare, 20%),
 * so the ticket in view keeps room, and a tenth of the plan beyond it stays for the account's other
 * integrations. Pacing (PACE_BELOW) has already slowed background work from half the plan down.
 */
export const DEFAULT_FLOOR = 0.3;

/**
 * Below this share of the plan left in the account's window, reads of the ticket in view are
 * spaced too (their share of what remains, spread until the reset), and below VIEW_FLOOR they
 * wait for the reset: 200 reps' views alone can spend a window, and a 429 would hold them at
 * least as long (Retry-After is the reset) while costing the account (Freshdesk counts refused
 * calls). What is left below VIEW_FLOOR stays for the account's integrations.
 */
export const VIEW_PACE_BELOW = 0.15;
export const VIEW_FLOOR = 0.05;

export const newWindow = (planLimit: number, windowMs: number | null = null): RateWindow => ({
  sends: [],
  planLimit,
  windowMs: windowMs ?? MINUTE_MS,
  windowFixed: windowMs !== null,
  pausedUntil: 0,
  remaining: null,
  learnedAt: 0,
  othersPerMs: 0,
  drainFrom: null,
  answered: false,
  resetAt: null,
});

/** Requests per window for a priority: background and attended work leave `viewReserve` of the budget to the view. */
export function budgetFor(planLimit: number, budgetShare: number, viewReserve: number, priority: Priority) {
  const budget = Math.max(1, Math.floor(planLimit * budgetShare));
  if (priority === 'view') return budget;
  return Math.max(1, budget - Math.floor(budget * viewReserve));
}

/** Forgets sends that left the window. */
export const pruneWindow = (window: RateWindow, now: number): void => {
  while (window.sends.length > 0 && window.sends[0]! <= now - window.windowMs) window.sends.shift();
};

export const recordSend = (window: RateWindow, now: number): void => {
  window.sends.push(now);
};

/** Pauses the account for `ms`, in full however long; an earlier, longer pause stands. */
export const pauseFor = (window: RateWindow, now: number, ms: number): void => {
  window.pausedUntil = Math.max(window.pausedUntil, now + ms);
};

/**
 * When the helpdesk's window ends: its reset header, or a 429's Retry-After; else (Freshdesk names none) a window that
 * began when `remaining` rose again; else the one estimated before, while it lasts; else a whole
 * window from now, the latest it can be.
 */
const resetAtAfter = (window: RateWindow, now: number, info: RateInfo, remaining: number): number => {
  if (info.resetMs !== null) return now + info.resetMs;
  if (remaining === 0 && info.retryAfterMs !== null) return now + info.retryAfterMs;
  const rose = window.remaining !== null && remaining > window.remaining;
  if (!rose && window.resetAt !== null && window.resetAt > now) return window.resetAt;
  return now + window.windowMs;
};

/** Shorter spans than this between two counts say more about the network's jitter than about others' spending. */
const DRAIN_SPAN_MS = 2_000;

const ownSendsBetween = (window: RateWindow, from: number, to: number): number =>
  window.sends.filter((at) => at > from && at <= to).length;

/**
 * Updates the estimate of others' spending from a new count: what the account lost since the
 * last estimate's count, less this browser's own sends, over the time between. A count that rose
 * (a new window) or one older than the window starts a new span; the rate carries over, since the
 * team works on at the same pace in the next window.
 */
const learnDrain = (window: RateWindow, now: number, remaining: number): void => {
  const from = window.drainFrom;
  const rose = window.remaining !== null && remaining > window.remaining;
  if (from === null || rose || now - from.at > window.windowMs) {
    window.drainFrom = { at: now, remaining };
    return;
  }
  if (now - from.at < DRAIN_SPAN_MS) return;
  const others = Math.max(0, from.remaining - remaining - ownSendsBetween(window, from.at, now));
  const rate = others / (now - from.at);
  window.othersPerMs = window.othersPerMs === 0 ? rate : (window.othersPerMs + rate) / 2;
  window.drainFrom = { at: now, remaining };
};

/** What an answer's rate-limit headers say about the account. */
export const learn = (window: RateWindow, now: number, info: RateInfo): void => {
  if (info.limit !== null && info.limit > 0) window.planLimit = info.limit;
  if (info.windowMs !== null && !window.windowFixed) window.windowMs = info.windowMs;
  window.answered = true;
  if (info.remaining === null) return;
  learnDrain(window, now, info.remaining);
  window.resetAt = resetAtAfter(window, now, info, info.remaining);
  window.remaining = info.remaining;
  window.learnedAt = now;
  // Someone else (another device, an integration) used up the account's quota. Until a stated
  // reset; an estimated one may be an hour off, so at most a minute, and a 429 then says how long.
  if (info.remaining === 0)
    pauseFor(
      window,
      now,
      info.resetMs ?? info.retryAfterMs ?? Math.min(window.resetAt - now, DEFAULT_PAUSE_MS),
    );
};

/** How long a 429 pauses the account: Retry-After, else the window's reset, else a minute. */
export const pauseAfter429 = (info: RateInfo): number =>
  info.retryAfterMs ?? info.resetMs ?? DEFAULT_PAUSE_MS;

/**
 * What the account has left as far as this browser can tell: the helpdesk's last count, less this
 * browser's own sends since (the requests one view starts together must not all read the same
 * count) and less what the others are estimated to have spent since (othersPerMs); null when no
 * count is known for the current window.
 */
export const leftNow = (window: RateWindow, now: number): number | null => {
  if (window.remaining === null || window.resetAt === null || window.resetAt <= now) return null;
  const own = ownSendsBetween(window, window.learnedAt, Number.POSITIVE_INFINITY);
  const others = window.othersPerMs * Math.max(0, now - window.learnedAt);
  return Math.max(0, Math.floor(window.remaining - own - others));
};

/**
 * Whether a request should wait for the answers in flight before it goes: nothing is known of
 * the account yet (a browser just opened), or what is known says it is nearly spent. Their
 * answers bring a fresh count; sent together, all of them would act on the old one.
 */
export const oneAtATime = (window: RateWindow, now: number): boolean => {
  if (!window.answered) return true;
  const left = leftNow(window, now);
  return left !== null && left < window.planLimit * VIEW_PACE_BELOW;
};

/**
 * The spacing of background sends once the account's `remaining` is below PACE_BELOW of the
 * plan: our share of what remains, spread evenly until the reset. The view is spaced by the
 * same rule only much lower (viewGap).
 */
export const paceGap = (window: RateWindow, now: number, budgetShare: number): number => {
  const { resetAt } = window;
  const remaining = leftNow(window, now);
  if (remaining === null || resetAt === null || resetAt <= now) return 0;
  if (remaining >= window.planLimit * PACE_BELOW) return 0;
  return (resetAt - now) / Math.max(1, Math.floor(remaining * budgetShare));
};

/** The spacing of view reads once the account's `remaining` is below VIEW_PACE_BELOW of the plan (paceGap's rule). */
export const viewGap = (window: RateWindow, now: number, budgetShare: number): number => {
  const remaining = leftNow(window, now);
  return remaining !== null && remaining < window.planLimit * VIEW_PACE_BELOW
    ? paceGap(window, now, budgetShare)
    : 0;
};

/**
 * Until when background work waits because the account's remaining share of the plan is below
 * `floor`: the window's reset (the helpdesk's, or estimated, rate-window's resetAt); 0 when it need
 * not wait, or when what remains is no longer known (the window the count was for has ended: the
 * next answer tells the new count).
 */
export const floorUntil = (window: RateWindow, now: number, floor: number): number => {
  const { resetAt } = window;
  const remaining = leftNow(window, now);
  if (remaining === null || resetAt === null || resetAt <= now) return 0;
  return remaining < window.planLimit * floor ? resetAt : 0;
};

/**
 * Milliseconds until a request of `priority` may be sent: the pause, the oldest send in the way,
 * and for background work the floor and the pace; the view has its own, lower, pace and floor
 * (VIEW_PACE_BELOW, VIEW_FLOOR) and is never held by background's. Attended work (a manager
 * watching the review fill) is one browser's foreground wait, not one of 200 idle browsers'
 * background: background's floor, which stops all of those together, would hold it for whole
 * windows on a busy day; it keeps background's pace, which gives it at most its share of what
 * remains spread to the reset, and the view's floor, so it never takes the account's last requests.
 */
export const waitBefore = (window: RateWindow, now: number, share: RateShare, priority: Priority): number => {
  pruneWindow(window, now);
  const allowed = budgetFor(window.planLimit, share.budgetShare, share.viewReserve, priority);
  const windowWait =
    window.sends.length >= allowed ? window.sends[window.sends.length - allowed]! + window.windowMs - now : 0;
  const last = window.sends[window.sends.length - 1];
  const paceWait =
    priority !== 'view' && last !== undefined
      ? Math.ceil(last + paceGap(window, now, share.budgetShare) - now)
      : 0;
  const floorWait =
    priority === 'background'
      ? floorUntil(window, now, share.backgroundFloor ?? DEFAULT_FLOOR) - now
      : floorUntil(window, now, VIEW_FLOOR) - now;
  const viewPace =
    priority === 'view' && last !== undefined
      ? Math.ceil(last + viewGap(window, now, share.budgetShare) - now)
      : 0;
  return Math.max(0, window.pausedUntil - now, windowWait, paceWait, floorWait, viewPace);
};

/** The window as `stats` reports it. */
export const windowStats = (window: RateWindow, now: number, budgetShare: number) => {
  pruneWindow(window, now);
  return {
    used: window.sends.length,
    limit: budgetFor(window.planLimit, budgetShare, 0, 'view'),
    planLimit: window.planLimit,
    windowMs: window.windowMs,
    remaining: window.resetAt !== null && window.resetAt > now ? window.remaining : null,
    pausedUntil: window.pausedUntil > now ? window.pausedUntil : 0,
  };
};
