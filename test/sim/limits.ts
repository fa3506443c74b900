import type { Helpdesk } from './data/model';
import { json, type Reply } from './http/reply';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export interface Plan extends Record<Helpdesk, number> {
  freshdeskTicketsList: number;
  /** Freshdesk's sub-limits on creating and on updating tickets (helpdesk-apis.md §2.6), per window. */
  freshdeskTicketCreate: number;
  freshdeskTicketUpdate: number;
  /** The window Freshdesk counts `freshdesk` requests in; Zendesk always counts per minute. */
  freshdeskWindowMs: number;
}

const perMinute = (
  zendesk: number,
  freshdesk: number,
  freshdeskTicketsList: number,
  freshdeskTicketWrites = freshdesk,
): Plan => ({
  zendesk,
  freshdesk,
  freshdeskTicketsList,
  freshdeskTicketCreate: freshdeskTicketWrites,
  freshdeskTicketUpdate: freshdeskTicketWrites,
  freshdeskWindowMs: MINUTE_MS,
});

/**
 * Freshdesk's Blossom/Garden/Estate/Forest plans count per hour, 3,000 or 5,000 with no list
 * sub-limit named (rate-limits.apis.io/rate-limits/freshdesk; helpdesk-apis.md §7). The names are
 * Freshdesk's: a Zendesk account on such a plan keeps the generous `sim` limit.
 */
const perHour = (freshdesk: number): Plan => ({
  zendesk: 100_000,
  freshdesk,
  freshdeskTicketsList: freshdesk,
  freshdeskTicketCreate: freshdesk,
  freshdeskTicketUpdate: freshdesk,
  freshdeskWindowMs: HOUR_MS,
});

/**
 * Requests per window by plan (helpdesk-apis.md §1.6, §2.6, §7). One name serves both helpdesks:
 * Zendesk Team 200, Growth and Professional 400, Enterprise 700, Enterprise Plus or the High Volume
 * add-on 2,500; Freshdesk Trial 50, Growth 200, Pro 400, Enterprise 700, with their tickets-list
 * and ticket create/update sub-limits. `sim` is the generous default for tests.
 */
export const PLANS: Record<string, Plan> = {
  trial: perMinute(200, 50, 50),
  team: perMinute(200, 200, 20, 80),
  growth: perMinute(400, 200, 20, 80),
  professional: perMinute(400, 400, 100, 160),
  pro: perMinute(400, 400, 100, 160),
  enterprise: perMinute(700, 700, 200, 280),
  'enterprise-plus': perMinute(2500, 700, 200, 280),
  'high-volume': perMinute(2500, 700, 200, 280),
  blossom: perHour(3000),
  garden: perHour(3000),
  estate: perHour(5000),
  forest: perHour(5000),
  sim: perMinute(100_000, 100_000, 100_000),
};

export interface LimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (or, for a sliding log, until the oldest use leaves it). */
  reset: number;
  used: number;
}

interface Window {
  start: number;
  used: number;
  /** Of `used`, what the bucket's standing load (others' steady use) has spent so far in this window. */
  others: number;
}

export interface Limiter {
  /** Charges `cost` credits to a bucket (an account, or an account's endpoint family) for its current window. */
  take(bucket: string, limit: number, cost: number, now: number, windowMs?: number): LimitResult;
  /** Charges credits spent elsewhere (other agents, integrations) whatever the limit: the bucket's window starts if none runs. */
  spend(bucket: string, cost: number, now: number, windowMs?: number): void;
  /** One use in a sliding window of `windowMs` (Zendesk's per-ticket update limit); a refused use is not counted. */
  slide(bucket: string, limit: number, now: number, windowMs: number): LimitResult;
  /**
   * Others' steady use of a bucket: `perWindow` credits spread evenly over each window, on the
   * simulator's clock, as other agents and integrations draw on the account all the time; 0 stops it.
   */
  load(bucket: string, perWindow: number): void;
  /** The bucket's window as the next answer's headers would say, without charging anything. */
  peek(bucket: string, limit: number, now: number, windowMs?: number): LimitResult;
  reset(): void;
}

/**
 * Fixed windows per bucket, starting at the bucket's first request. Refused calls count too, as on
 * Freshdesk. `now` comes from the simulator's clock, so a test can move it virtually.
 */
export function createLimiter(): Limiter {
  const windows = new Map<string, Window>();
  const logs = new Map<string, number[]>();
  const loads = new Map<string, number>();
  const current = (bucket: string, now: number, windowMs: number): Window => {
    let w = windows.get(bucket);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, used: 0, others: 0 };
      windows.set(bucket, w);
    }
    const load = loads.get(bucket) ?? 0;
    const due = Math.min(load, Math.floor((load * (now - w.start)) / windowMs));
    if (due > w.others) {
      w.used += due - w.others;
      w.others = due;
    }
    return w;
  };
  const result = (
    w: Window,
    allowed: boolean,
    limit: number,
    cost: number,
    now: number,
    windowMs: number,
  ) => ({
    allowed,
    limit,
    remaining: Math.max(0, limit - w.used),
    reset: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)),
    used: cost,
  });
  return {
    take(bucket, limit, cost, now, windowMs = MINUTE_MS) {
      const w = current(bucket, now, windowMs);
      const allowed = w.used + cost <= limit;
      w.used += allowed ? cost : 0;
      return result(w, allowed, limit, cost, now, windowMs);
    },
    load(bucket, perWindow) {
      if (perWindow > 0) loads.set(bucket, perWindow);
      else loads.delete(bucket);
    },
    peek(bucket, limit, now, windowMs = MINUTE_MS) {
      const w = current(bucket, now, windowMs);
      return result(w, w.used < limit, limit, 0, now, windowMs);
    },
    spend(bucket, cost, now, windowMs = MINUTE_MS) {
      current(bucket, now, windowMs).used += cost;
    },
    slide(bucket, limit, now, windowMs) {
      const uses = (logs.get(bucket) ?? []).filter((at) => at > now - windowMs);
      const allowed = uses.length < limit;
      if (allowed) uses.push(now);
      logs.set(bucket, uses);
      const oldest = uses[0] ?? now;
      return {
        allowed,
        limit,
        remaining: Math.max(0, limit - uses.length),
        reset: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
        used: 1,
      };
    },
    reset() {
      windows.clear();
      logs.clear();
      loads.clear();
    },
  };
}

export function planOf(name: string): Plan {
  const plan = PLANS[name];
  if (!plan) throw new Error(`unknown plan ${name}; known: ${Object.keys(PLANS).join(', ')}`);
  return plan;
}

/**
 * The Freshdesk sub-limit a request also counts against (helpdesk-apis.md §2.6): listing tickets,
 * creating a ticket, updating one; null for the rest. Per account, like the plan's limit.
 */
export function freshdeskSubLimit(
  method: string,
  path: string,
  plan: Plan,
): { name: string; limit: number } | null {
  if (method === 'GET' && path === '/api/v2/tickets')
    return { name: 'tickets-list', limit: plan.freshdeskTicketsList };
  if (method === 'POST' && path === '/api/v2/tickets')
    return { name: 'ticket-create', limit: plan.freshdeskTicketCreate };
  if (method === 'PUT' && /^\/api\/v2\/tickets\/\d+$/.test(path))
    return { name: 'ticket-update', limit: plan.freshdeskTicketUpdate };
  return null;
}

/** The window an account's requests are counted in under `plan`. */
export const windowOf = (plan: Plan, helpdesk: Helpdesk): number =>
  helpdesk === 'freshdesk' ? plan.freshdeskWindowMs : MINUTE_MS;

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

/** Freshdesk names no reset and no window: the same three headers on per-minute and per-hour plans. */
export function freshdeskLimitHeaders(r: LimitResult): Record<string, string> {
  return {
    'x-ratelimit-total': String(r.limit),
    'x-ratelimit-remaining': String(r.remaining),
    'x-ratelimit-used-currentrequest': String(r.used),
  };
}

/**
 * Freshdesk's 429 on an hourly plan. The body is undocumented; this wording is the one reported
 * for Freshdesk's hourly throttle (helpdesk-apis.md §2.2, the private UI API row).
 */
export const hourlyLimitReply = (retryAfter: number): Reply => ({
  ...json(429, { message: 'You have exceeded the limit of requests per hour' }),
  headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) },
});
