import type { Reply } from './reply';

export interface Route<C> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. `/api/v2/tickets/:id`; also the route's name in the request log. */
  pattern: string;
  handle: (ctx: C, params: Record<string, string>) => Reply | Promise<Reply>;
}

interface Compiled<C> {
  route: Route<C>;
  regex: RegExp;
  keys: string[];
}

export interface Router<C> {
  /** The matching route; `allowed` lists other methods when only the method is wrong. */
  find(
    method: string,
    path: string,
  ): { route: Route<C>; params: Record<string, string> } | { allowed: string[] } | null;
}

export function createRouter<C>(routes: Route<C>[]): Router<C> {
  const compiled: Compiled<C>[] = routes.map((route) => {
    const keys: string[] = [];
    const source = route.pattern
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { route, regex: new RegExp(`^${source}$`), keys };
  });
  return {
    find(method, path) {
      const allowed: string[] = [];
      for (const c of compiled) {
        const m = c.regex.exec(path);
        if (!m) continue;
        if (c.route.method !== method) {
          allowed.push(c.route.method);
          continue;
        }
        const params: Record<string, string> = {};
        c.keys.forEach((k, i) => {
          params[k] = decodeURIComponent(m[i + 1] ?? '');
        });
        return { route: c.route, params };
      }
      return allowed.length > 0 ? { allowed } : null;
    },
  };
}
