import type { z } from 'zod';
import { type Client, HelpdeskError } from '../http';
import { endpointName, fetchJson } from '../parse';

export const PAGE_SIZE = 100;
/** A loop guard, far above any real thread (a ticket holds at most 5,000 comments). */
const MAX_CURSOR_PAGES = 2_000;

interface CursorPage {
  meta?: { has_more: boolean; after_cursor: string | null } | undefined;
}

export const withQuery = (path: string, params: Record<string, string>): string =>
  `${path}?${new URLSearchParams(params).toString()}`;

/**
 * Every page of a cursor-paginated list, in order. Continues only while `meta.has_more`
 * (never on `links.next`, which real responses keep on the last page), with our own
 * `page[after]` so a response can never point us at another URL.
 */
export async function* cursorPages<T extends CursorPage>(
  client: Client,
  path: string,
  params: Record<string, string>,
  schema: z.ZodType<T>,
): AsyncGenerator<T> {
  const endpoint = endpointName('GET', path);
  const seen = new Set<string>();
  let after: string | null = null;
  for (let n = 0; n < MAX_CURSOR_PAGES; n++) {
    const query: Record<string, string> = { ...params, 'page[size]': String(PAGE_SIZE) };
    if (after) query['page[after]'] = after;
    const { data } = await fetchJson(client, { method: 'GET', path: withQuery(path, query) }, schema);
    yield data;
    if (!data.meta?.has_more) return;
    const next = data.meta.after_cursor;
    if (!next || seen.has(next)) {
      throw new HelpdeskError(
        'malformed',
        endpoint,
        `${endpoint}: has_more without a new after_cursor`,
        200,
        'meta.after_cursor',
      );
    }
    seen.add(next);
    after = next;
  }
}

export async function allCursorPages<T extends CursorPage>(
  client: Client,
  path: string,
  params: Record<string, string>,
  schema: z.ZodType<T>,
): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of cursorPages(client, path, params, schema)) pages.push(page);
  return pages;
}
