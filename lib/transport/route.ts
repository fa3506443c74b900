import type { HttpRequest } from '../helpdesks/http';
import { platformOfHost } from '../helpdesks/registry';
import type { RawTransport } from './scheduler';

export interface RouteDeps {
  session: RawTransport;
  token: RawTransport;
  /** An open helpdesk tab on this account can run the request with the agent's session. */
  hasSessionTab(account: string): boolean;
  hasCredential(account: string): Promise<boolean>;
}

/**
 * Which transport runs a request. Writes of a helpdesk that writes with a token
 * (Freshdesk: cookie-only writes to its API are not documented to work) always
 * use the rep's API key. Everything
 * else prefers the agent's own session in an open tab, and falls back to the
 * API token when no tab is open (the follow-through watcher, a queued grant).
 */
export function routeTransport(deps: RouteDeps): RawTransport {
  return async (account: string, request: HttpRequest, signal: AbortSignal) => {
    const tokenWrite = platformOfHost(account)?.writes === 'token' && request.method !== 'GET';
    if (tokenWrite) return deps.token(account, request, signal);
    if (!deps.hasSessionTab(account) && (await deps.hasCredential(account))) {
      return deps.token(account, request, signal);
    }
    return deps.session(account, request, signal);
  };
}
