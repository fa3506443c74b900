import type { Client } from '../../../lib/helpdesks/http';
import { dedupeKeyOf } from '../../../lib/transport/job-queue';

/**
 * What a module asked for, by the client it was given: `sidebar` (the ticket in view),
 * `writes` (grants, claims, escalations a rep made), `ledger`, `watcher`, `names`
 * (background), `review` (the manager's page).
 */
export const KINDS = ['sidebar', 'writes', 'ledger', 'watcher', 'names', 'review'] as const;
export type Kind = (typeof KINDS)[number];
export const BACKGROUND: readonly Kind[] = ['ledger', 'watcher', 'names'];
export const FOREGROUND: readonly Kind[] = ['sidebar', 'writes'];

const MINUTE_MS = 60_000;

/** A request's endpoint without its ids and query values: `GET /api/v2/tickets/:id/comments.json`. */
export const endpointOf = (method: string, path: string): string => {
  const [route = '', query] = path.split('?');
  const names = query === undefined ? '' : `?${[...new URLSearchParams(query).keys()].join('&')}`;
  return `${method} ${route.replace(/\/\d+(?=[/.]|$)/g, '/:id')}${names}`;
};

/** Requests per minute of the day, per who and kind; and what went on the wire (retries, 429s). */
export function createTraffic(dayStart: number, now: () => number) {
  /** who → kind → minute → requests */
  const asked = new Map<string, Map<Kind, Map<number, number>>>();
  /** kind → endpoint → requests, the reps' and the manager's together */
  const endpoints = new Map<Kind, Map<string, number>>();
  /** who → GETs asked and not yet answered: an identical one joins it in the scheduler and is not sent again */
  const open = new Map<string, Set<string>>();
  /** The day's work has drained: what goes on the wire now (the meters read after the day) is not the day's. */
  let over = false;
  /** who → requests on the wire, 429s received */
  const wire = new Map<string, { sent: number; refused: number }>();
  const minute = () => Math.floor((now() - dayStart) / MINUTE_MS);

  const count = (who: string, kind: Kind) => {
    const kinds = asked.get(who) ?? new Map<Kind, Map<number, number>>();
    asked.set(who, kinds);
    const minutes = kinds.get(kind) ?? new Map<number, number>();
    kinds.set(kind, minutes);
    const m = minute();
    minutes.set(m, (minutes.get(m) ?? 0) + 1);
  };

  return {
    /**
     * The client a module receives, counting each request it makes (the scheduler's retries
     * are not its own), except a GET identical to one of the same browser still unanswered,
     * which the scheduler answers from that one (job-queue.ts): the Zendesk thread and trail
     * of one view read the same audits once.
     */
    wrap(who: string, kind: Kind, client: Client): Client {
      return async (request, options) => {
        const gets = open.get(who) ?? new Set<string>();
        open.set(who, gets);
        const key = request.method === 'GET' ? dedupeKeyOf(request) : null;
        if (key !== null && gets.has(key)) return client(request, options);
        if (key !== null) gets.add(key);
        // After the day only the manager's review is still measured; the reps' end-of-day meter
        // reads are not the day's traffic.
        if (over && kind !== 'review') return client(request, options);
        count(who, kind);
        const byEndpoint = endpoints.get(kind) ?? new Map<string, number>();
        endpoints.set(kind, byEndpoint);
        const endpoint = endpointOf(request.method, request.path);
        byEndpoint.set(endpoint, (byEndpoint.get(endpoint) ?? 0) + 1);
        try {
          return await client(request, options);
        } finally {
          if (key !== null) gets.delete(key);
        }
      };
    },
    /** Every attempt the transport sends, and whether the helpdesk refused it with 429. */
    sent(who: string, status: number) {
      if (over) return;
      const w = wire.get(who) ?? { sent: 0, refused: 0 };
      w.sent++;
      if (status === 429) w.refused++;
      wire.set(who, w);
    },
    /** Requests of `kind` (all kinds when absent) per minute, summed over `who` (everyone when absent). */
    perMinute(filter: { who?: (who: string) => boolean; kinds?: readonly Kind[] } = {}): Map<number, number> {
      const out = new Map<number, number>();
      for (const [who, kinds] of asked) {
        if (filter.who && !filter.who(who)) continue;
        for (const [kind, minutes] of kinds) {
          if (filter.kinds && !filter.kinds.includes(kind)) continue;
          for (const [m, n] of minutes) out.set(m, (out.get(m) ?? 0) + n);
        }
      }
      return out;
    },
    total(who: string, kind?: Kind): number {
      let n = 0;
      for (const [k, minutes] of asked.get(who) ?? new Map<Kind, Map<number, number>>())
        if (kind === undefined || k === kind) for (const v of minutes.values()) n += v;
      return n;
    },
    wire: () => wire,
    dayOver() {
      over = true;
    },
    /** What each kind asked for, by endpoint, busiest first. */
    endpoints: (kind: Kind): [string, number][] =>
      [...(endpoints.get(kind) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]),
    who: () => [...asked.keys()],
  };
}

export type Traffic = ReturnType<typeof createTraffic>;
