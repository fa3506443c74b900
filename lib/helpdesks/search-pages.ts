/** One page of an offset-paged search: its results and the helpdesk's count of all matches. */
export interface SearchPage<T> {
  results: T[];
  total: number;
}

/**
 * Reads a search that serves at most `maxPages` pages of `perPage`. Page 1
 * tells the total: when more match than the pages can hold, the answer stops
 * there (`complete: false`, for the caller to narrow); otherwise the other
 * pages are asked together, the scheduler bounding how many run at once,
 * instead of one round trip after another. Results are de-duplicated by id, as
 * an update between two page reads can move a ticket across pages.
 */
export async function readSearch<T extends { id: string }>(
  pageOf: (page: number) => Promise<SearchPage<T>>,
  perPage: number,
  maxPages: number,
): Promise<{ results: T[]; total: number; complete: boolean }> {
  const first = await pageOf(1);
  const byId = new Map(first.results.map((r) => [r.id, r]));
  if (first.total > perPage * maxPages)
    return { results: [...byId.values()], total: first.total, complete: false };
  const pages = Math.min(maxPages, Math.ceil(first.total / perPage));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => pageOf(i + 2)));
  for (const page of rest) for (const r of page.results) byId.set(r.id, r);
  return { results: [...byId.values()], total: first.total, complete: byId.size >= first.total };
}
