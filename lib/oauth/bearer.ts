import { saveConnection, storedConnection, updateIfCurrent, withTokens } from './connections';
import { GrantRefused, oauthOf, refreshTokens } from './flow';

/** What the token transport needs of the rep's OAuth connection. */
export interface BearerSource {
  /** The access token to send for this account now (refreshed first when about to expire), or null: none usable. */
  current(account: string): Promise<string | null>;
  /** Zendesk refused `used`: a fresh token from the refresh grant, or null when there is none to be had. */
  renew(account: string, used: string): Promise<string | null>;
  /** Remembers that Zendesk refused `used` for good, so the options page says "reconnect". */
  reject(account: string, used: string, status: number): Promise<void>;
}

export interface BearerDeps {
  fetch: typeof fetch;
  now(): number;
  /** One refresh per account at a time: Zendesk invalidates the old refresh token on use. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** Refreshed this long before `expires_in` runs out, so a request never leaves with a token about to lapse. */
export const REFRESH_EARLY_MS = 60_000;

const defaults = (): BearerDeps => ({
  fetch: (input, init) => globalThis.fetch(input, init),
  now: Date.now,
  withLock: <T>(name: string, work: () => Promise<T>) => navigator.locks.request(name, work) as Promise<T>,
});

export function oauthBearer(deps: BearerDeps = defaults()): BearerSource {
  const reject = async (account: string, used: string, status: number): Promise<void> => {
    await updateIfCurrent(account, used, (current) => ({ ...current, refused: status }));
  };

  const renew = (account: string, used: string): Promise<string | null> =>
    deps.withLock(`frontline-oauth-${account}`, async () => {
      const current = await storedConnection(account);
      if (current === null || current.refused !== null) return null;
      // Another request refreshed while this one waited for the lock: its token is the fresh one.
      if (current.accessToken !== used) return current.accessToken;
      const endpoints = oauthOf(account);
      if (current.refreshToken === null || endpoints === null) return null;
      try {
        const tokens = await refreshTokens(
          deps.fetch,
          { account, endpoints, clientId: current.clientId, refreshToken: current.refreshToken },
          deps.now,
        );
        await saveConnection(account, withTokens(current, tokens));
        return tokens.accessToken;
      } catch (error) {
        if (!(error instanceof GrantRefused)) throw error;
        await reject(account, used, 401);
        return null;
      }
    });

  return {
    async current(account) {
      if (oauthOf(account) === null) return null;
      const connection = await storedConnection(account);
      if (connection === null || connection.refused !== null) return null;
      const lapsing = connection.expiresAt !== null && connection.expiresAt - deps.now() < REFRESH_EARLY_MS;
      return lapsing && connection.refreshToken !== null
        ? renew(account, connection.accessToken)
        : connection.accessToken;
    },
    renew,
    reject,
  };
}
