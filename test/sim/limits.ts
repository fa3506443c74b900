import type { Helpdesk } from './data/model';

/** Requests per minute by plan (helpdesk-apis.md §1.6, §2.6). `sim` is the generous default for tests. */
export const PLANS: Record<string, Record<Helpdesk, number> & { freshdeskTicketsList: number }> = {
  trial: { zendesk: 200, freshdesk: 50, freshdeskTicketsList: 50 },
  team: { zendesk: 200, freshdesk: 200, freshdeskTicketsList: 20 },
  growth: { zendesk: 400, freshdesk: 200, freshdeskTicketsList: 20 },
  professional: { zendesk: 400, freshdesk: 400, freshdeskTicketsList: 100 },
  pro: { zendesk: 400, freshdesk: 400, freshdeskTicketsList: 100 },
  enterprise: { zendesk: 700, freshdesk: 700, freshdeskTicketsList: 200 },
  'enterprise-plus': { zendesk: 2500, freshdesk: 700, freshdeskTicketsList: 200 },
  sim: { zendesk: 100_000, freshdesk: 100_000, freshdeskTicketsList: 100_000 },
};

export interface LimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
  used: number;
}

interface Window {
  start: number;
  used: number;
}

export interface Limiter {
  /** Charges `cost` credits to a bucket (an account, or an account's endpoint family) for this minute. */
  take(bucket: string, limit: number, cost: number, now: number): LimitResult;
  reset(): void;
}

/** Fixed one-minute windows per bucket, starting at the bucket's first request. Refused calls count too, as on Freshdesk. */
export function createLimiter(): Limiter {
  const windows = new Map<string, Window>();
  return {
    take(bucket, limit, cost, now) {
      let w = windows.get(bucket);
      if (!w || now - w.start >= 60_000) {
        w = { start: now, used: 0 };
        windows.set(bucket, w);
      }
      const allowed = w.used + cost <= limit;
      w.used += allowed ? cost : 0;
      return {
        allowed,
        limit,
        remaining: Math.max(0, limit - w.used),
        reset: Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000)),
        used: cost,
      };
    },
    reset() {
      windows.clear();
    },
  };
}

export function planOf(name: string): (typeof PLANS)[string] {
  const plan = PLANS[name];
  if (!plan) throw new Error(`unknown plan ${name}; known: ${Object.keys(PLANS).join(', ')}`);
  return plan;
}

/** Zendesk sends both generations of header names (2023 `x-rate-limit`, 2024 `ratelimit-*`). */
export function zendeskLimitHeaders(r: LimitResult): Record<string, string> {
  return {
    'x-rate-limit': String(r.limit),
    'x-rate-limit-remaining': String(r.remaining),
    'ratelimit-limit': String(r.limit),
    'ratelimit-remaining': String(r.remaining),
    'ratelimit-reset': String(r.reset),
  };
}

export function freshdeskLimitHeaders(r: LimitResult): Record<string, string> {
  return {
    'x-ratelimit-total': String(r.limit),
    'x-ratelimit-remaining': String(r.remaining),
    'x-ratelimit-used-currentrequest': String(r.used),
  };
}
