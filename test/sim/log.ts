export interface LogEntry {
  seq: number;
  at: string;
  host: string;
  method: string;
  path: string;
  /** The route pattern, e.g. `GET /api/v2/tickets/:id`; the raw path when no route matched. */
  route: string;
  status: number;
  /** How the caller authenticated: session cookie, API token (basic), OAuth bearer, or nothing. */
  auth: 'session' | 'token' | 'oauth' | 'none' | 'invalid';
  /** The user an OAuth bearer request acted as (only on `oauth` entries). */
  as?: string;
  /** The simulator's own agent pages call private UI routes; they are marked so tests can tell them apart. */
  client: 'page' | 'api';
  fault: string | null;
}

export interface RequestLog {
  add(entry: Omit<LogEntry, 'seq'>): LogEntry;
  entries(): LogEntry[];
  /** Requests per route, e.g. `{ "GET /api/v2/tickets/:id": 3 }`. */
  counts(): Record<string, number>;
  reset(): void;
}

export function createLog(limit = 50_000): RequestLog {
  let entries: LogEntry[] = [];
  let seq = 0;
  return {
    add(entry) {
      const full = { ...entry, seq: ++seq };
      entries.push(full);
      if (entries.length > limit) entries = entries.slice(-limit);
      return full;
    },
    entries: () => entries,
    counts() {
      const counts: Record<string, number> = {};
      for (const e of entries) counts[e.route] = (counts[e.route] ?? 0) + 1;
      return counts;
    },
    reset() {
      entries = [];
    },
  };
}
