import type { HttpRequest, HttpResponse } from '../helpdesks/http';
import { REQUEST_TIMEOUT_MS } from '../transport/in-flight';

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
  /** Zendesk writes need the agent's `authenticity_token`; null when the helpdesk needs none. */
  csrfToken(): Promise<string | null>;
}

/**
 * Runs one helpdesk API request same-origin, with the agent's own cookies.
 * Only allow-listed API requests of this page's origin, writes only with the
 * bodies Frontline sends: the background is trusted, but a compromised one must
 * still not turn this tab into an open proxy or post a public reply.
 */
export async function sessionFetch(
  request: HttpRequest,
  options: SessionFetchOptions,
): Promise<HttpResponse> {
  if (!options.allows(request.method, request.path, request.body)) {
    throw new Error(`refused: ${request.method} ${request.path} with this body is not on the allow-list`);
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.ifNoneMatch) headers['if-none-match'] = request.ifNoneMatch;
  if (request.method !== 'GET') {
    const token = await options.csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const url = new URL(request.path, location.origin);
  if (url.origin !== location.origin) throw new Error(`refused: ${request.path} leaves this origin`);
  const response = await fetch(url, {
    method: request.method,
    credentials: 'same-origin',
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    redirect: 'error',
    // Bounded, so a write sent for a worker that died cannot land long after (see IN_FLIGHT_GUARD_MS).
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return { status: response.status, headers: kept, body: await response.text() };
}
