import type { Client } from '../../../lib/helpdesks/http';

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

/** Requests per minute of the day, per who and kind; and what went on the wire (retries, 429s). */
export function createTraffic(dayStart: number, now: () => number) {
  /** who → kind → minute → requests */
  const asked = new Map<string, Map<Kind, Map<number, number>>>();
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
    /** The client a module receives, counting each request it makes (the scheduler's retries are not its own). */
    wrap(who: string, kind: Kind, client: Client): Client {
      return (request, options) => {
        count(who, kind);
        return client(request, options);
      };
    },
    /** Every attempt the transport sends, and whether the helpdesk refused it with 429. */
    sent(who: string, status: number) {
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
    who: () => [...asked.keys()],
  };
}

export type Traffic = ReturnType<typeof createTraffic>;
