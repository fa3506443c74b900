import type { ApiContext } from '../http/context';
import { json, type Reply } from '../http/reply';
import { zdErrors } from './errors';

/** Zendesk's cursors are opaque base64; ours carry the position of an item. */
const encode = (index: number): string =>
  Buffer.from(JSON.stringify({ o: 'id', v: index })).toString('base64');

function decode(cursor: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    const v = (parsed as { v?: unknown }).v;
    return typeof v === 'number' && Number.isInteger(v) ? v : null;
  } catch {
    return null;
  }
}

export const wantsCursor = (query: URLSearchParams): boolean =>
  ['page[size]', 'page[after]', 'page[before]'].some((k) => query.has(k));

function pageUrl(ctx: ApiContext, set: Record<string, string>, drop: string[]): string {
  const params = new URLSearchParams(ctx.query);
  for (const k of drop) params.delete(k);
  for (const [k, v] of Object.entries(set)) params.set(k, v);
  return `${ctx.origin}${ctx.path}?${params.toString()}`;
}

/**
 * Cursor pagination as real 2024 responses do it: `links.next` is set even when
 * `has_more` is false, so clients must loop on `meta.has_more`.
 */
export function cursorPage<T>(ctx: ApiContext, items: T[], key: string, render: (item: T) => unknown): Reply {
  const size = Number(ctx.query.get('page[size]') ?? '100');
  if (!Number.isInteger(size) || size < 1 || size > 100)
    return zdErrors.badRequest('Invalid attribute', 'page[size] must be an integer between 1 and 100');
  const after = ctx.query.get('page[after]');
  const before = ctx.query.get('page[before]');
  let start = 0;
  let end = Math.min(items.length, size);
  if (after !== null) {
    const at = decode(after);
    if (at === null) return zdErrors.badRequest('Invalid attribute', 'page[after] is not a valid cursor');
    start = at + 1;
    end = Math.min(items.length, start + size);
  } else if (before !== null) {
    const at = decode(before);
    if (at === null) return zdErrors.badRequest('Invalid attribute', 'page[before] is not a valid cursor');
    end = Math.max(0, at);
    start = Math.max(0, end - size);
  }
  const page = items.slice(start, end);
  const afterCursor = page.length > 0 ? encode(end - 1) : null;
  const beforeCursor = page.length > 0 ? encode(start) : null;
  const drop = ['page[after]', 'page[before]'];
  return json(200, {
    [key]: page.map(render),
    meta: { has_more: end < items.length, after_cursor: afterCursor, before_cursor: beforeCursor },
    links: {
      prev: beforeCursor
        ? pageUrl(ctx, { 'page[before]': beforeCursor, 'page[size]': String(size) }, drop)
        : null,
      next: afterCursor
        ? pageUrl(ctx, { 'page[after]': afterCursor, 'page[size]': String(size) }, drop)
        : null,
    },
  });
}

export interface OffsetOptions {
  /** Search stops at 1,000 results (422 past it); lists stop at 10,000 records (400). */
  cap: number;
  overCap: () => Reply;
}

const LIST_CAP: OffsetOptions = {
  cap: 10_000,
  overCap: () =>
    zdErrors.badRequest(
      'Invalid Request',
      'Offset pagination is limited to the first 10000 records. Use cursor-based pagination instead.',
    ),
};

export function offsetPage<T>(
  ctx: ApiContext,
  items: T[],
  key: string,
  render: (item: T) => unknown,
  options: OffsetOptions = LIST_CAP,
  extra: Record<string, unknown> = {},
): Reply {
  const page = Number(ctx.query.get('page') ?? '1');
  const perPage = Number(ctx.query.get('per_page') ?? '100');
  if (!Number.isInteger(page) || page < 1)
    return zdErrors.badRequest(
      'Invalid attribute',
      'You passed an invalid value for the page attribute. Invalid parameter: page must be an integer',
    );
  if (!Number.isInteger(perPage) || perPage < 1)
    return zdErrors.badRequest('Invalid attribute', 'per_page must be a positive integer');
  const size = Math.min(perPage, 100);
  const start = (page - 1) * size;
  if (start >= options.cap) return options.overCap();
  const end = Math.min(items.length, start + size, options.cap);
  const hasNext = end < Math.min(items.length, options.cap);
  return json(200, {
    [key]: items.slice(start, end).map(render),
    ...extra,
    next_page: hasNext ? pageUrl(ctx, { page: String(page + 1), per_page: String(size) }, []) : null,
    previous_page: page > 1 ? pageUrl(ctx, { page: String(page - 1), per_page: String(size) }, []) : null,
    count: items.length,
  });
}
