import type { z } from 'zod';
import type { Client } from '../http';
import { fetchJson } from '../parse';

/** Freshdesk serves at most 300 pages of a list. */
export const MAX_LIST_PAGES = 300;

export const withQuery = (path: string, params: Record<string, string>): string =>
  `${path}?${new URLSearchParams(params).toString()}`;

/**
 * The page after `current` when the `Link` header has rel="next", else null. Only the
 * page number is taken from the link: the next request is built from our own path, so
 * a header can never send us elsewhere. A link without a usable number means `current + 1`.
 */
export function nextPageFromLink(link: string | undefined, current: number): number | null {
  if (!link) return null;
  for (const [, url, params] of link.matchAll(/<([^>]*)>([^<]*)/g)) {
    if (!/;\s*rel\s*=\s*"?([^"]*\s)?next[\s"]/i.test(`${params} `)) continue;
    let page = Number.NaN;
    try {
      page = Number(new URL(url ?? '', 'https://link.invalid').searchParams.get('page'));
    } catch {
      // An unparseable target still says a next page exists.
    }
    return Number.isSafeInteger(page) && page > current ? page : current + 1;
  }
  return null;
}

/** Every page of a bare-array list, following rel="next" up to page 300. */
export async function* linkPages<T>(
  client: Client,
  path: string,
  params: Record<string, string>,
  schema: z.ZodType<T[]>,
): AsyncGenerator<T[]> {
  let page: number | null = 1;
  while (page !== null && page <= MAX_LIST_PAGES) {
    const { data, headers } = await fetchJson(
      client,
      { method: 'GET', path: withQuery(path, { ...params, page: String(page) }) },
      schema,
    );
    yield data;
    page = nextPageFromLink(headers.link, page);
  }
}

export async function allLinkPages<T>(
  client: Client,
  path: string,
  params: Record<string, string>,
  schema: z.ZodType<T[]>,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of linkPages(client, path, params, schema)) items.push(...page);
  return items;
}
