import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client, HttpRequest, HttpResponse } from '../../../lib/helpdesks/http';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/recorded/', import.meta.url));

export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
export const fixtureJson = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(fixtureText(name)) as T;
export const fixtureFiles = (): string[] =>
  ['zendesk', 'freshdesk']
    .flatMap((dir) => readdirSync(join(FIXTURES, dir)).map((f) => `${dir}/${f}`))
    .sort();

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

export const text = (body: string, status: number): HttpResponse => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body,
});

/** The path without its query, and the query as a map. */
export function split(request: HttpRequest): { pathname: string; query: URLSearchParams } {
  const [pathname = '', query = ''] = request.path.split('?');
  return { pathname, query: new URLSearchParams(query) };
}

export type Route = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/**
 * A Client that answers from `route` and records every request. Each request must pass
 * the adapter's allow-list, so the list provably covers every path the adapter uses.
 */
export function fakeClient(route: Route, allows: (method: string, path: string, body: unknown) => boolean) {
  const requests: HttpRequest[] = [];
  const client: Client = async (request) => {
    requests.push(request);
    if (!allows(request.method, request.path, request.body)) {
      throw new Error(`not on the allow-list: ${request.method} ${request.path}`);
    }
    return route(request);
  };
  return { client, requests };
}

/** Drains an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Runs `fn` and returns what it threw (fails the test when it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
