export interface BackoffPolicy {
  /** Delay ceiling of the first retry. */
  baseMs: number;
  /** No retry ever waits longer than this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/**
 * "Full jitter": a uniform delay in [0, min(cap, base·2^retry)). Spreading retries
 * over the whole interval keeps many tabs from retrying in lockstep after an outage.
 * `retry` counts from 0; `random` returns [0, 1).
 */
export function fullJitterDelay(retry: number, random: () => number, policy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
