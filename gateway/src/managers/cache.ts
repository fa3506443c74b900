import { createHash } from 'node:crypto';

/** How long a credential the helpdesk vouched for is believed without asking again. */
export const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

/** The key of a verified credential: its SHA-256 with the account, never the credential. */
export const credentialKey = (account: string, authorization: string): string =>
  createHash('sha256').update(`${account}\n${authorization}`).digest('hex');

/**
 * Verified managers by credential hash for a few minutes, so a review view costs one
 * helpdesk check per manager and not one per request. A revoked token stays believed at
 * most `ttlMs`. Bounded: past `MAX_ENTRIES` the oldest entry goes first.
 */
export function verifiedCache<T>(now: () => number = Date.now, ttlMs = VERIFIED_TTL_MS) {
  const entries = new Map<string, { value: T; expires: number }>();
  return {
    get(key: string): T | null {
      const hit = entries.get(key);
      if (!hit) return null;
      if (hit.expires <= now()) {
        entries.delete(key);
        return null;
      }
      return hit.value;
    },
    set(key: string, value: T): void {
      entries.delete(key);
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { value, expires: now() + ttlMs });
    },
    size: () => entries.size,
  };
}
export type VerifiedCache<T> = ReturnType<typeof verifiedCache<T>>;
