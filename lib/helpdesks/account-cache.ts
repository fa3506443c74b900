import { type Client, HelpdeskError, type HelpdeskErrorKind } from './http';

/** Account settings change when an admin edits them: an hour is fresh enough, and costs one request an hour. */
export const ACCOUNT_FRESH_MS = 60 * 60_000;

/** Answers that will not change within the hour: asking again on every read would only cost requests. */
const LASTING: ReadonlySet<HelpdeskErrorKind> = new Set(['forbidden', 'not-found', 'invalid', 'malformed']);

export interface AccountSetting<T> {
  /** The setting, read once an hour per account; a failed read answers the fallback. */
  (client: Client, account: string, now?: number): Promise<T>;
  /**
   * The setting as read within the hour, without asking: undefined when it was not read (or
   * is still in flight). For budgeted background reads that must not add a request.
   */
  known(account: string, now?: number): T | undefined;
}

/**
 * Whose cache a read belongs to, beside its account: a worker holds one profile, so one
 * scope; a process that runs many profiles side by side (bench:team) tells them apart here,
 * as each real worker asks for itself.
 */
let scopeOf: () => string = () => '';

/** Keys every account-setting cache by `scope()` too (the caller's profile); call once, before any read. */
export function scopeAccountSettings(scope: () => string): void {
  scopeOf = scope;
}

/**
 * One read of an account setting an hour per account (and per worker life: the service
 * worker starts with an empty cache). A failed read answers `fallback`; a refusal is kept
 * for the hour, a passing failure (network, 5xx, 429) is asked again next time.
 */
export function hourlyPerAccount<T>(
  read: (client: Client, account: string) => Promise<T>,
  fallback: T,
): AccountSetting<T> {
  const cache = new Map<string, { at: number; value: Promise<T>; settled?: T }>();
  const keyOf = (account: string) => `${scopeOf()}\u0000${account}`;
  const setting = (client: Client, account: string, now = Date.now()): Promise<T> => {
    const key = keyOf(account);
    const cached = cache.get(key);
    if (cached && now - cached.at < ACCOUNT_FRESH_MS) return cached.value;
    const entry: { at: number; value: Promise<T>; settled?: T } = {
      at: now,
      value: Promise.resolve(fallback),
    };
    entry.value = read(client, account).then(
      (value) => {
        entry.settled = value;
        return value;
      },
      (error: unknown) => {
        if (!(error instanceof HelpdeskError && LASTING.has(error.kind))) cache.delete(key);
        else entry.settled = fallback;
        return fallback;
      },
    );
    cache.set(key, entry);
    return entry.value;
  };
  const known = (account: string, now = Date.now()): T | undefined => {
    const cached = cache.get(keyOf(account));
    return cached && now - cached.at < ACCOUNT_FRESH_MS ? cached.settled : undefined;
  };
  return Object.assign(setting, { known });
}
