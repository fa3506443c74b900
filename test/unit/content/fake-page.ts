import { vi } from 'vitest';

export const ORIGIN = 'https://acme.zendesk.com';
export const RENEW_PATH = '/api/v2/users/me/session/renew.json';
export const ME_PATH = '/api/v2/users/me.json';

export interface Call {
  method: string;
  path: string;
  token: string | null;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const forbidden = () =>
  json(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
export const closedTicket = () =>
  json(422, {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: { status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }] },
  });
export const ok = (body: unknown = { ticket: { id: 1 } }) => json(200, body);
export const me = (token: string) => json(200, { user: { id: 1, authenticity_token: token } });
export const renewed = (token: string) => json(200, { authenticity_token: token });

/**
 * A Zendesk agent page for the content script: `location` on the account, and a fetch that
 * answers each request with the next reply scripted for its path (a thrown Error = no answer).
 * Every call is recorded with the CSRF token it carried.
 */
export function fakePage(script: Record<string, (() => Response | Error)[]>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), ORIGIN);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, token: headers['x-csrf-token'] ?? null });
    const next = script[url.pathname]?.shift();
    if (!next) throw new Error(`nothing scripted for ${url.pathname}`);
    const reply = next();
    if (reply instanceof Error) throw reply;
    return reply;
  });
  vi.stubGlobal('location', new URL(`${ORIGIN}/agent/tickets/1`));
  vi.stubGlobal('fetch', fetch);
  return { calls, fetch };
}
