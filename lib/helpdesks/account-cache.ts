import { type Client, HelpdeskError, type HelpdeskErrorKind } from './http';

/** Account settings change when an admin edits them: an hour is fresh enough, and costs one request an hour. */
export const ACCOUNT_FRESH_MS = 60 * 60_000;

/** Answers that will not change within the hour: asking again on every read would only cost requests. */
const LASTING: ReadonlySet<HelpdeskErrorKind> = new Set(['forbidden', 'not-found', 'invalid', 'malformed']);

/**
 * One read of an account setting an hour per account (and per worker life: the service
 * worker starts with an empty cache). A failed read answers `fallback`; a refusal is kept
 * for the hour, a passing failure (network, 5xx, 429) is asked again next time.
 */
export function hourlyPerAccount<T>(
  read: (client: Client, account: string) => Promise<T>,
  fallback: T,
): (client: Client, account: string, now?: number) => Promise<T> {
  const cache = new Map<string, { at: number; value: Promise<T> }>();
  return (client, account, now = Date.now()) => {
    const cached = cache.get(account);
    if (cached && now - cached.at < ACCOUNT_FRESH_MS) return cached.value;
    const value = read(client, account).catch((error: unknown) => {
      if (!(error instanceof HelpdeskError && LASTING.has(error.kind))) cache.delete(account);
      return fallback;
    });
    cache.set(account, { at: now, value });
    return value;
  };
}
