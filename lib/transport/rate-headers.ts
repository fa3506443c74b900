/** What a helpdesk response tells us about the account's request budget. */
export interface RateInfo {
  /** Requests per window (`windowMs`) the plan allows. */
  limit: number | null;
  remaining: number | null;
  /** Until the current rate window resets. */
  resetMs: number | null;
  /** From `Retry-After` (seconds or an HTTP date). */
  retryAfterMs: number | null;
  /** The window the limit counts over, when the headers say or imply it; null when they do not. */
  windowMs: number | null;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/**
 * Freshdesk sends the same `X-RateLimit-Total` on per-minute and per-hour plans and names no
 * window. Its per-minute plans top out at 700 (support.freshdesk.com article 225439); the older
 * Blossom/Garden/Estate/Forest plans count 3,000 or 5,000 an hour (rate-limits.apis.io/rate-limits/freshdesk).
 * The ranges do not meet, so a total in this range is read as hourly. No plan is documented
 * above it; such a total (the simulator's test plan) is read per minute, and a 429's
 * Retry-After still holds whatever the window.
 */
export const FRESHDESK_HOURLY = { from: 3_000, to: 10_000 };

// Header names drift between API generations (Zendesk moved from `x-rate-limit` to
// `rate-limit-*` to `ratelimit-*`); Freshdesk uses `x-ratelimit-*`. First match wins.
const LIMIT = ['x-rate-limit', 'ratelimit-limit', 'rate-limit-limit', 'rate-limit', 'x-ratelimit-total'];
const REMAINING = [
  'x-rate-limit-remaining',
  'ratelimit-remaining',
  'rate-limit-remaining',
  'x-ratelimit-remaining',
];
const RESET = ['ratelimit-reset', 'rate-limit-reset'];
/** IETF draft forms name the window as `w=SECONDS`: `ratelimit-policy: 700;w=60`, `ratelimit-limit: 700, 700;w=60`. */
const POLICY = ['ratelimit-policy', 'ratelimit-limit', 'rate-limit-policy'];

/** Leading integer only: some servers send IETF-draft forms such as `700, 700;w=60`. */
const leadingInt = (value: string | undefined): number | null => {
  const match = value === undefined ? null : /^\s*(\d+)/.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
};

const first = (headers: Record<string, string>, names: string[]): string | undefined => {
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) return value;
  }
  return undefined;
};

const retryAfter = (value: string | undefined, now: number): number | null => {
  if (value === undefined) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
};

/**
 * The window the headers state (`w=`), else the one they imply: a Freshdesk total in
 * FRESHDESK_HOURLY is hourly, any other limit header per minute (both vendors document their
 * limits per minute).
 */
const windowOf = (headers: Record<string, string>, limit: number | null): number | null => {
  for (const name of POLICY) {
    const stated = /;\s*w=(\d+)/.exec(headers[name] ?? '');
    if (stated?.[1] !== undefined && Number(stated[1]) > 0) return Number(stated[1]) * 1000;
  }
  if (limit === null) return null;
  const freshdesk = LIMIT.find((name) => headers[name] !== undefined) === 'x-ratelimit-total';
  const hourly = freshdesk && limit >= FRESHDESK_HOURLY.from && limit <= FRESHDESK_HOURLY.to;
  return hourly ? HOUR_MS : MINUTE_MS;
};

/** Reads the rate-limit headers of either helpdesk. `headers` may use any case. */
export function readRateHeaders(headers: Record<string, string>, now: number): RateInfo {
  // The HttpResponse contract says lower-cased, but a transport that forgets must not
  // make us ignore a 429's Retry-After.
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  const reset = leadingInt(first(lower, RESET));
  const limit = leadingInt(first(lower, LIMIT));
  return {
    limit,
    remaining: leadingInt(first(lower, REMAINING)),
    resetMs: reset === null ? null : reset * 1000,
    retryAfterMs: retryAfter(lower['retry-after'], now),
    windowMs: windowOf(lower, limit),
  };
}
