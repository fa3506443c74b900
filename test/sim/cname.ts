import type { IncomingHttpHeaders } from 'node:http';
import { fdErrors } from './freshdesk/errors';
import type { Reply } from './http/reply';

/**
 * Custom helpdesk hosts (CNAMEs). Freshdesk lets an administrator move the agent portal
 * to a domain of their own (support.freshdesk.com/support/solutions/articles/50000004704):
 * that host serves the agent pages (`/a/tickets/N`) and the session `/api/v2` calls with
 * the agent's cookie, as a public extension for the Freshdesk agent UI relies on
 * (`andrepessoadasilva-maker/atlas-comet`, helpdesk-apis.md §7).
 *
 * Whether the API answers an API key on such a host is not documented: Freshdesk's API
 * reference names only `https://domain.freshdesk.com/api/v2`. The simulator answers
 * an API-key request on a CNAME with Freshdesk's plain 404, the strictest reading, so
 * only a client that sends its token requests to the canonical account passes.
 */
export const DEFAULT_CNAMES: Readonly<Record<string, string>> = { 'support.acme.test': 'acme.freshdesk.com' };

/** The canonical account a host serves: itself, or the account a CNAME points at. */
export const canonicalHost = (cnames: Readonly<Record<string, string>>, host: string): string =>
  Object.hasOwn(cnames, host) ? (cnames[host] as string) : host;

/** The reply an API-key request gets on a CNAME (see above), or null when it goes on. */
export function cnameApiRefusal(viaCname: boolean, headers: IncomingHttpHeaders): Reply | null {
  return viaCname && headers.authorization !== undefined ? fdErrors.notFound() : null;
}
