import type { ReviewRow } from './review-row';

export const SORT_KEYS = ['agentName', 'customerName', 'ticketId', 'amount', 'reason', 'at'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** Ticket ids are decimal strings past 2^53: compare by length, then digits, never through Number. */
const compareIds = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

const compare = (key: SortKey, a: ReviewRow, b: ReviewRow): number => {
  switch (key) {
    case 'amount':
      return a.amount - b.amount;
    case 'ticketId':
      return compareIds(a.ticketId, b.ticketId);
    case 'at':
      return Date.parse(a.at) - Date.parse(b.at);
    default:
      return a[key].localeCompare(b[key]);
  }
};

/** A stable sort: equal rows keep their order, then fall back to the grant id. */
export const sortRows = (rows: readonly ReviewRow[], sort: Sort): ReviewRow[] =>
  [...rows].sort((a, b) => {
    const order = compare(sort.key, a, b) || (a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0);
    return sort.descending ? -order : order;
  });

/** Every word of the filter must appear in the agent, customer, ticket or reason (case-insensitive). */
export function filterRows(rows: readonly ReviewRow[], text: string): ReviewRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = `${r.agentName} ${r.customerName} ${r.ticketId} ${r.reason}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Clicking the sorted column flips it; another column sorts ascending (amounts and times descending first). */
export const nextSort = (current: Sort, key: SortKey): Sort =>
  current.key === key
    ? { key, descending: !current.descending }
    : { key, descending: key === 'amount' || key === 'at' };
