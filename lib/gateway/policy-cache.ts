import { z } from 'zod';
import type { CreditOff } from '../domain/credit-off';
import { fetchGatewayPolicy, GatewayRejected, GatewayUnavailable } from './client';
import { GatewayPolicy } from './protocol';

/**
 * The gateway's policy for one helpdesk account, as this profile last read it. It is read
 * again once an hour (or at once after a failure path asked for it); while the gateway
 * cannot be reached a copy stays usable for a few hours, so a short outage does not stop
 * credits (the gateway still checks every grant when it is back). Past that, or when the
 * gateway answers something invalid or refuses the account, credits are off: fail closed.
 */

export const REFRESH_MS = 60 * 60_000;
export const USABLE_MS = 4 * 60 * 60_000;

export const CachedGatewayPolicy = z.object({
  url: z.string(),
  account: z.string(),
  fetchedAt: z.number(),
  /** A failure path (a refusal, a failed submission) asked for a fresh copy before the hour is up. */
  refreshDue: z.boolean().optional(),
  answer: GatewayPolicy,
});
export type CachedGatewayPolicy = z.infer<typeof CachedGatewayPolicy>;

const Cache = z.record(z.string(), z.unknown());
type Cache = Record<string, CachedGatewayPolicy>;

export interface PolicyCacheDeps {
  fetch: typeof fetch;
  now(): number;
  /** The stored cache, unchecked (storage may hold anything). */
  read(): Promise<unknown>;
  write(cache: Cache): Promise<void>;
}

export type GatewayPolicyResult =
  | { ok: true; answer: GatewayPolicy; fetchedAt: number }
  | { ok: false; error: string; off: CreditOff; fetchedAt: number | null };

const keyOf = (url: string, account: string): string => `${url} ${account}`;

/** Every entry that still parses; a malformed one reads as missing. */
async function readCache(deps: Pick<PolicyCacheDeps, 'read'>): Promise<Cache> {
  const raw = Cache.safeParse(await deps.read());
  if (!raw.success) return {};
  const out: Cache = {};
  for (const [key, value] of Object.entries(raw.data)) {
    const entry = CachedGatewayPolicy.safeParse(value);
    if (entry.success) out[key] = entry.data;
  }
  return out;
}

const age = (entry: CachedGatewayPolicy, now: number): number =>
  // A clock set back before the fetch makes the copy's age unknown: treat it as old.
  now < entry.fetchedAt ? Number.POSITIVE_INFINITY : now - entry.fetchedAt;

export const UNREACHABLE = (detail: string) =>
  `Credits are off: the credit gateway cannot be reached and this browser has no recent copy of its policy (${detail}). Try again shortly.`;
export const REFUSED = (detail: string) =>
  `Credits are off: the credit gateway gives no valid policy for this helpdesk account (${detail}). Ask your administrator.`;

/** The gateway's policy for `account`: the cached copy while fresh, else read again. */
export async function gatewayPolicy(
  deps: PolicyCacheDeps,
  url: string,
  account: string,
): Promise<GatewayPolicyResult> {
  const cache = await readCache(deps);
  const key = keyOf(url, account);
  const cached = cache[key];
  const now = deps.now();
  if (cached !== undefined && cached.refreshDue !== true && age(cached, now) < REFRESH_MS) {
    return { ok: true, answer: cached.answer, fetchedAt: cached.fetchedAt };
  }
  try {
    const answer = await fetchGatewayPolicy(deps.fetch, url, account);
    await deps.write({ ...cache, [key]: { url, account, fetchedAt: now, answer } });
    return { ok: true, answer, fetchedAt: now };
  } catch (error) {
    if (error instanceof GatewayUnavailable) {
      if (cached !== undefined && age(cached, now) < USABLE_MS) {
        return { ok: true, answer: cached.answer, fetchedAt: cached.fetchedAt };
      }
      return {
        ok: false,
        error: UNREACHABLE(error.message),
        off: { why: 'gateway-unreachable', detail: error.message },
        fetchedAt: cached?.fetchedAt ?? null,
      };
    }
    if (error instanceof GatewayRejected) {
      // The gateway said no: an older copy must not outlive its answer.
      const { [key]: _dropped, ...rest } = cache;
      await deps.write(rest);
      return {
        ok: false,
        error: REFUSED(error.message),
        off: { why: 'gateway-refused', detail: error.message },
        fetchedAt: null,
      };
    }
    throw error;
  }
}

/** The next read of this account's policy asks the gateway again (the copy stays as a fallback). */
export async function refreshGatewayPolicySoon(
  deps: Pick<PolicyCacheDeps, 'read' | 'write'>,
  url: string,
  account: string,
): Promise<void> {
  const cache = await readCache(deps);
  const key = keyOf(url, account);
  const cached = cache[key];
  if (cached !== undefined) await deps.write({ ...cache, [key]: { ...cached, refreshDue: true } });
}
