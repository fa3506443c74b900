import { type Client, HelpdeskError, type HttpResponse } from '../../../lib/helpdesks/http';
import { endpointName } from '../../../lib/helpdesks/parse';
import type { AccountConfig } from '../config';
import { authorizationOf } from './auth';
import { createPacer } from './pacer';

/** The part of fetch the client uses; Node's global fetch and undici's both fit. */
export type HelpdeskFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

/** 429 and 503 are retried after their Retry-After this many times before the caller sees them. */
const RETRIES = 3;
const TIMEOUT_MS = 20_000;

const headersOf = (response: Awaited<ReturnType<HelpdeskFetch>>): Record<string, string> => {
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
};

/**
 * A lib/helpdesks `Client` for one account with the gateway's own credentials, so the
 * adapters (ticket, entries, me, addPrivateNote) run unchanged on the gateway.
 */
export function helpdeskClient(account: AccountConfig, fetch: HelpdeskFetch): Client {
  const base = (account.apiBase ?? `https://${account.account}`).replace(/\/$/, '');
  const authorization = authorizationOf(account);
  const pacer = createPacer(account.requestsPerMinute);
  return async (request, options) => {
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.ifNoneMatch) headers['if-none-match'] = request.ifNoneMatch;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    let answer: HttpResponse | null = null;
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      await pacer.take();
      let response: Awaited<ReturnType<HelpdeskFetch>>;
      try {
        response = await fetch(`${base}${request.path}`, {
          method: request.method,
          headers,
          body,
          signal: options?.signal ?? AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        throw new HelpdeskError(
          'network',
          endpointName(request.method, request.path),
          `the helpdesk did not answer: ${(error as Error).message}`,
        );
      }
      answer = { status: response.status, headers: headersOf(response), body: await response.text() };
      pacer.observe(answer.headers);
      if (answer.status !== 429 && answer.status !== 503) return answer;
    }
    // Still limited after the retries: the adapter turns it into a rate-limited HelpdeskError.
    return answer as HttpResponse;
  };
}
