import type { CaseStatus } from './model';
import type { HistoryItem, HistoryRowData } from './snapshot';

/** Numeric ids of any length, compared without Number (Zendesk ids pass 2^53 in principle). */
export const compareIds = (a: string, b: string): number =>
  a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;

interface Keyed {
  item: HistoryItem;
  at: number;
}

/** Newest first by creation; equal times fall back to the higher id, so the order is total. */
const before = (a: Keyed, b: Keyed) => b.at - a.at || compareIds(b.item.case.ref.id, a.item.case.ref.id);
const keyed = (item: HistoryItem): Keyed => ({ item, at: Date.parse(item.case.createdAt) });

/** Rows per chunk before it splits: inserting costs a chunk's length, finding a row a few comparisons. */
const CHUNK = 512;

/**
 * The sidebar's copy of one ticket's history, newest first, grown by deltas.
 * Pages arrive in any order relative to what is held (Zendesk's requested
 * tickets oldest first, below the ticket in view; search newest first), so the
 * order lives in sorted chunks: a delta of k rows costs about k × (CHUNK + log n),
 * never a pass over the whole history, and a row by position is a binary search
 * over the chunks' starts.
 */
export function createHistoryRows() {
  let chunks: Keyed[][] = [];
  /** starts[c]: the index of chunks[c]'s first row; rebuilt after each delta. */
  let starts: number[] = [];
  const byId = new Map<string, Keyed>();
  const counts = new Map<CaseStatus, number>();
  let currentTicket: string | null = null;

  const count = (status: CaseStatus, by: number) => counts.set(status, (counts.get(status) ?? 0) + by);

  /** The chunk a row belongs in: the first whose last row does not precede it (else the last). */
  const chunkFor = (row: Keyed): number => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid]!;
      if (before(chunk[chunk.length - 1]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Where a row is, or would go, inside a chunk. */
  const slotIn = (chunk: readonly Keyed[], row: Keyed): number => {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(chunk[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const insert = (row: Keyed) => {
    if (!chunks.length) {
      chunks = [[row]];
      return;
    }
    const c = chunkFor(row);
    const chunk = chunks[c]!;
    chunk.splice(slotIn(chunk, row), 0, row);
    if (chunk.length > 2 * CHUNK) chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  };
  const remove = (row: Keyed) => {
    const c = chunkFor(row);
    const chunk = chunks[c]!;
    chunk.splice(slotIn(chunk, row), 1);
    if (!chunk.length) chunks.splice(c, 1);
  };
  const reindex = () => {
    starts = [];
    let at = 0;
    for (const chunk of chunks) {
      starts.push(at);
      at += chunk.length;
    }
  };

  const at = (index: number): HistoryItem | undefined => {
    if (index < 0 || index >= byId.size) return undefined;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return chunks[lo]![index - starts[lo]!]?.item;
  };
  const indexOf = (ticketId: string): number => {
    const row = byId.get(ticketId);
    if (!row) return -1;
    const c = chunkFor(row);
    return starts[c]! + slotIn(chunks[c]!, row);
  };

  const setCurrent = (currentId: string) => {
    if (currentId === currentTicket) return;
    const flag = (id: string | null, current: boolean) => {
      const row = id === null ? undefined : byId.get(id);
      if (!row) return;
      const next = { item: { ...row.item, current }, at: row.at };
      const c = chunkFor(row);
      chunks[c]![slotIn(chunks[c]!, row)] = next;
      byId.set(row.item.case.ref.id, next);
    };
    flag(currentTicket, false);
    currentTicket = currentId;
    flag(currentId, true);
  };

  return {
    get length() {
      return byId.size;
    },
    at,
    /** The row's index, or -1. */
    indexOf,
    /** Where the ticket in view sits, or -1. */
    currentIndex: () => (currentTicket === null ? -1 : indexOf(currentTicket)),
    /** Statuses held, with their counts (kept as rows arrive, not counted per render). */
    counts: (): ReadonlyMap<CaseStatus, number> => counts,
    /** Every row in order, without a lookup per position. */
    *[Symbol.iterator](): IterableIterator<HistoryItem> {
      for (const chunk of chunks) for (const row of chunk) yield row.item;
    },
    /** Another ticket of the same requester is in view: only its row and the last one's change. */
    setCurrent,
    /** Add or replace rows; `currentId` is the ticket in view. Costs the delta's size (see above). */
    apply(rows: readonly HistoryRowData[], currentId: string) {
      setCurrent(currentId);
      for (const data of rows) {
        const row = keyed({ ...data, current: data.case.ref.id === currentId });
        const old = byId.get(data.case.ref.id);
        if (old) {
          count(old.item.case.status, -1);
          if (old.at === row.at) {
            const c = chunkFor(old);
            chunks[c]![slotIn(chunks[c]!, old)] = row;
          } else {
            remove(old);
            insert(row);
          }
        } else insert(row);
        count(row.item.case.status, 1);
        byId.set(data.case.ref.id, row);
      }
      reindex();
    },
  };
}

export type HistoryRows = ReturnType<typeof createHistoryRows>;

/** What the sidebar holds of one ticket's history: the rows, and the feed and version they match. */
export interface HistoryCopy {
  /** refKey of the ticket whose sidebar holds these rows. */
  ticket: string;
  feed: string;
  version: number;
  rows: HistoryRows;
}
