import type { Simulator } from '../../../test/sim/server';
import { simFetch } from '../../../test/sim/testing/client';

/** `fetch` with the helpdesk simulator standing in for every https host (as the gateway would reach the helpdesk). */
export const simBackedFetch = (sim: Simulator) =>
  (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const response = await simFetch(sim, url.hostname, url.pathname + url.search, {
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(init?.body === undefined || init.body === null ? {} : { body: String(init.body) }),
    });
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
  }) as typeof fetch;
