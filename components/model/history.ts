import type { CaseStatus } from '../../lib/domain/model';
import type { HistoryItem } from '../../lib/domain/snapshot';

export { compareIds } from '../../lib/domain/history-rows';

/** Rows by position: the sidebar's history (`HistoryRows`) or a filtered array of it. */
export interface RowList {
  readonly length: number;
  at(index: number): HistoryItem | undefined;
}

export type StatusFilter = CaseStatus | 'all';

export interface HistoryFilter {
  text: string;
  status: StatusFilter;
}

export const NO_FILTER: HistoryFilter = { text: '', status: 'all' };

/** Lower-cased and stripped of accents, so "resume" finds "Résumé". */
export const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export const terms = (query: string): string[] => fold(query).split(/\s+/).filter(Boolean);

// The search index is incremental: a row's folded subject and number are made the first
// time a search reads it and kept with the row, so rows arriving during a load cost their
// own folding once, and 100,000 subjects are never folded again per keystroke or page.
const folded = new WeakMap<HistoryItem, string>();
export const searchText = (item: HistoryItem): string => {
  let text = folded.get(item);
  if (text === undefined) {
    text = `${fold(item.case.subject)} #${item.case.ref.id}`;
    folded.set(item, text);
  }
  return text;
};

/**
 * Every term must appear in the subject, the ticket number, or a body already
 * loaded for that ticket (`bodies`, ticket id → folded text). Bodies not yet
 * loaded cannot match: the filter never fetches. It reads the whole history the
 * sidebar holds, in order, so a match is found wherever it sits in the list.
 */
export const filterHistory = (
  rows: Iterable<HistoryItem>,
  filter: HistoryFilter,
  bodies: ReadonlyMap<string, string> = new Map(),
): HistoryItem[] => {
  const wanted = terms(filter.text);
  const shown: HistoryItem[] = [];
  for (const item of rows) {
    if (filter.status !== 'all' && item.case.status !== filter.status) continue;
    if (wanted.length > 0) {
      const haystack = `${searchText(item)} ${bodies.get(item.case.ref.id) ?? ''}`;
      if (!wanted.every((term) => haystack.includes(term))) continue;
    }
    shown.push(item);
  }
  return shown;
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
export const statusCounts = (
  counts: ReadonlyMap<CaseStatus, number>,
): { status: CaseStatus; count: number }[] =>
  STATUS_ORDER.filter((s) => (counts.get(s) ?? 0) > 0).map((status) => ({
    status,
    count: counts.get(status) ?? 0,
  }));
