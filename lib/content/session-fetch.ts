import type { HttpRequest, HttpResponse } from '../helpdesks/http';
import { REQUEST_TIMEOUT_MS } from '../transport/in-flight';
import type { CsrfTokens } from './csrf';
import { pageFetch } from './page-fetch';

/** The only response headers the background uses (scheduler, pagination, ETags). */
const KEPT_HEADERS = [
  'content-type',
  'etag',
  'link',
  'retry-after',
  'x-rate-limit',
  'x-rate-limit-remaining',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'rate-limit',
  'rate-limit-remaining',
  'x-ratelimit-total',
  'x-ratelimit-remaining',
  'x-ratelimit-used-currentrequest',
];

export interface SessionFetchOptions {
  allows(method: string, path: string, body: unknown): boolean;
  /** The page's CSRF tokens (Zendesk: the agent's `authenticity_token`); they stay null where none is needed. */
  csrf: CsrfTokens;
}

const answer = async (response: Response): Promise<HttpResponse> => {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return { status: response.status, headers: kept, body: await response.text() };
};

/**
 * Runs one helpdesk API request same-origin, with the agent's own cookies.
 * Only allow-listed API requests of this page's origin, writes only with the
 * bodies Frontline sends: the background is trusted, but a compromised one must
 * still not turn this tab into an open proxy or post a public reply.
 *
 * A write refused in a way that can mean a stale CSRF token is sent once more
 * with a renewed token, and its answer says so (`csrfRenewed`). Only a refusal
 * is retried, never a write that got no answer: that one may have landed.
 */
export async function sessionFetch(
  request: HttpRequest,
  options: SessionFetchOptions,
): Promise<HttpResponse> {
  if (!options.allows(request.method, request.path, request.body)) {
    throw new Error(`refused: ${request.method} ${request.path} with this body is not on the allow-list`);
  }
  const url = new URL(request.path, location.origin);
  if (url.origin !== location.origin) throw new Error(`refused: ${request.path} leaves this origin`);
  // One deadline for the write, the renewal and the retry together, so a write sent for a
  // worker that died cannot land long after (see IN_FLIGHT_GUARD_MS).
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const send = async (token: string | null): Promise<HttpResponse> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.ifNoneMatch) headers['if-none-match'] = request.ifNoneMatch;
    if (token) headers['x-csrf-token'] = token;
    return answer(
      await pageFetch()(url, {
        method: request.method,
        credentials: 'same-origin',
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        redirect: 'error',
        signal,
      }),
    );
  };
  if (request.method === 'GET') return send(null);
  const token = await options.csrf.current();
  const first = await send(token);
  if (!options.csrf.stale(first.status, first.body)) return first;
  const renewed = await options.csrf.renew(token, signal);
  // The same token again: it was not stale, so the refusal stands as it is.
  if (renewed === null || renewed === token) return first;
  return { ...(await send(renewed)), csrfRenewed: true };
}
