import type { Shape } from './body-shape';
import type { HttpRequest } from './http';

/* Zod-free itself: the content script imports this, and must stay tiny. */
export interface AllowRule {
  method: HttpRequest['method'];
  /** Anchored pattern for the path without its query string. */
  path: RegExp;
  /** The only bodies this request may carry; without it, none. */
  body?: Shape;
}

// Query strings carry cursors, ids and search terms; none needs these characters.
const UNSAFE_QUERY = /[#\\\s]|\.\./;

const bodyFits = (rule: AllowRule, body: unknown): boolean =>
  rule.body === undefined ? body === undefined : rule.body(body);

/**
 * Whether `method path` with `body` is one of `rules`. Only origin-relative `/api/v2/` paths with a
 * plain query pass: no absolute or protocol-relative URL, no `..`, no encoded separators
 * (the path patterns admit only letters, digits, `_`, `/` and `.json`). A write passes only
 * with a body of exactly the shape Frontline sends: a private note, tags, an assignment.
 */
export function allowedBy(rules: readonly AllowRule[], method: string, path: string, body: unknown): boolean {
  if (!path.startsWith('/api/v2/')) return false;
  const q = path.indexOf('?');
  const pathname = q === -1 ? path : path.slice(0, q);
  const query = q === -1 ? '' : path.slice(q + 1);
  if (pathname.includes('..') || UNSAFE_QUERY.test(query)) return false;
  return rules.some((rule) => rule.method === method && rule.path.test(pathname) && bodyFits(rule, body));
}
