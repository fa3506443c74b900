import type { Client } from '../../../lib/helpdesks/http';

/** Only the headers lib/helpdesks reads travel back (HttpResponse's contract), lower-cased. */
const KEPT = ['content-type', 'retry-after', 'link', 'etag', 'x-rate-limit-remaining', 'ratelimit-remaining'];

/**
 * A lib/helpdesks `Client` that calls the account's API with the manager's own credential:
 * the helpdesk, not the gateway, says who the caller is. `apiBase` is the account's origin
 * (a test's simulator in tests).
 */
export function forwardingClient(
  apiBase: string,
  authorization: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 10_000,
): Client {
  const base = apiBase.replace(/\/+$/, '');
  return async (request, options) => {
    const signal = options?.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    const response = await fetchImpl(`${base}${request.path}`, {
      method: request.method,
      headers: {
        authorization,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      redirect: 'error',
      signal,
    });
    const headers: Record<string, string> = {};
    for (const name of KEPT) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { status: response.status, headers, body: await response.text() };
  };
}
