import type { CaseStatus } from '../../lib/domain/model';
import type { HistoryItem } from '../../lib/domain/snapshot';

/** Numeric ids of any length, compared without Number (Zendesk ids pass 2^53 in principle). */
export const compareIds = (a: string, b: string): number =>
  a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;

/** Newest first by creation; equal times fall back to the higher id, so the order is total and stable. */
export const newestFirst = (items: readonly HistoryItem[]): HistoryItem[] =>
  items
    .map((item) => ({ item, at: Date.parse(item.case.createdAt) }))
    .sort((a, b) => b.at - a.at || compareIds(b.item.case.ref.id, a.item.case.ref.id))
    .map(({ item }) => item);

export type StatusFilter = CaseStatus | 'all';

export interface HistoryFilter {
  text: string;
  status: StatusFilter;
}

export const NO_FILTER: HistoryFilter = { text: '', status: 'all' };

/** Lower-cased and stripped of accents, so "resume" finds "Résumé". */
export const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export const terms = (query: string): string[] => fold(query).split(/\s+/).filter(Boolean);

/** Folded subject and ticket number per item, built once per list rather than on every keystroke. */
export const searchIndex = (items: readonly HistoryItem[]): string[] =>
  items.map((item) => `${fold(item.case.subject)} #${item.case.ref.id}`);

/**
 * Every term must appear in the subject, the ticket number, or a body already
 * loaded for that ticket (`bodies`, ticket id → folded text). Bodies not yet
 * loaded cannot match: the filter never fetches. `index` is `searchIndex(items)`.
 */
export const filterHistory = (
  items: readonly HistoryItem[],
  filter: HistoryFilter,
  bodies: ReadonlyMap<string, string> = new Map(),
  index: readonly string[] = searchIndex(items),
): HistoryItem[] => {
  const wanted = terms(filter.text);
  return items.filter((item, i) => {
    if (filter.status !== 'all' && item.case.status !== filter.status) return false;
    if (wanted.length === 0) return true;
    const haystack = `${index[i] ?? ''} ${bodies.get(item.case.ref.id) ?? ''}`;
    return wanted.every((term) => haystack.includes(term));
  });
};

const STATUS_ORDER: readonly CaseStatus[] = [
  'new',
  'open',
  'pending',
  'on-hold',
  'solved',
  'closed',
  'custom',
];

/** Statuses present in the history with their counts, in workflow order, for the status filter. */
export const statusCounts = (items: readonly HistoryItem[]): { status: CaseStatus; count: number }[] => {
  const counts = new Map<CaseStatus, number>();
  for (const item of items) counts.set(item.case.status, (counts.get(item.case.status) ?? 0) + 1);
  return STATUS_ORDER.filter((s) => counts.has(s)).map((status) => ({
    status,
    count: counts.get(status) ?? 0,
  }));
};

/** Where the current ticket sits in the list, else the top: the row keyboard focus starts on. */
export const initialIndex = (items: readonly HistoryItem[]): number =>
  Math.max(
    0,
    items.findIndex((item) => item.current),
  );
