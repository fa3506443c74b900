import { randomBytes } from 'node:crypto';
import type { Sessions } from './auth';

/**
 * A session's CSRF token changes while the agent stays signed in: Zendesk documents
 * `GET /api/v2/users/me/session/renew` → `{"authenticity_token": …}` as the way to get a
 * new one during a session (developer.zendesk.com help-center-api "secured requests";
 * Zendesk OpenAPI, users). How often the agent UI's token really changes is not
 * documented, so the simulator rotates it on demand or every N minutes. A write with the
 * old token is then refused with `setCsrf`'s status; `users/me` and `session/renew`
 * answer the current one.
 */
export interface CsrfRotation {
  /** A new token for every open session (of `host` when given); returns how many changed. */
  rotate(host?: string): number;
  /** Rotates every `minutes` from now on (of `host` when given); null stops it. */
  every(minutes: number | null, host?: string): void;
}

export function createCsrfRotation(sessions: Sessions): CsrfRotation {
  let timer: ReturnType<typeof setInterval> | null = null;
  const rotate = (host?: string): number => {
    const changed = sessions.all().filter((session) => host === undefined || session.host === host);
    for (const session of changed) session.csrf = randomBytes(48).toString('base64url');
    return changed.length;
  };
  return {
    rotate,
    every(minutes, host) {
      if (timer !== null) clearInterval(timer);
      timer = null;
      if (minutes === null || !(minutes > 0)) return;
      timer = setInterval(() => rotate(host), minutes * 60_000);
      // A rotation schedule never keeps a test run or the CLI alive on its own.
      timer.unref();
    },
  };
}
