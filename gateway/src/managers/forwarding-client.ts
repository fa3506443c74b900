import type { Client } from '../../../lib/helpdesks/http';
import type { HelpdeskFetch } from '../helpdesk/client';

/**
 * A lib/helpdesks `Client` that calls the account's API with the manager's own credential:
 * the helpdesk, not the gateway, says who the caller is. `apiBase` is the account's origin
 * (a test's simulator in tests); `fetch` is the gateway's helpdesk fetch (its CA and names).
 */
export function forwardingClient(
  apiBase: string,
  authorization: string,
  fetchImpl: HelpdeskFetch = fetch,
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
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  };
}
