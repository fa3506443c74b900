/** What a helpdesk response tells us about the account's request budget. */
export interface RateInfo {
  /** Requests per minute the plan allows. */
  limit: number | null;
  remaining: number | null;
  /** Until the current rate window resets. */
  resetMs: number | null;
  /** From `Retry-After` (seconds or an HTTP date). */
  retryAfterMs: number | null;
}

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

/** Reads the rate-limit headers of either helpdesk. `headers` may use any case. */
export function readRateHeaders(headers: Record<string, string>, now: number): RateInfo {
  // The HttpResponse contract says lower-cased, but a transport that forgets must not
  // make us ignore a 429's Retry-After.
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  const reset = leadingInt(first(lower, RESET));
  return {
    limit: leadingInt(first(lower, LIMIT)),
    remaining: leadingInt(first(lower, REMAINING)),
    resetMs: reset === null ? null : reset * 1000,
    retryAfterMs: retryAfter(lower['retry-after'], now),
  };
}
