import type { HistoryPage } from '../adapter';
import type { Client } from '../http';
import { fetchJson, pathId } from '../parse';
import { looksArchived, toCase } from './normalize';
import { cursorPages, withQuery } from './paging';
import { ZendeskSearchPage, type ZendeskTicket, ZendeskTicketsPage } from './schemas';

/** Search answers at most 1,000 results, 100 a page; asking for page 11 gives 422. */
const SEARCH_PAGES = 10;
const SEARCH_CAP = 1_000;

/**
 * The requester's complete history. `users/:id/tickets/requested` is fresh but skips
 * archived tickets; search includes them but lags minutes behind and stops at 1,000.
 * So: every requested page first, then search, de-duplicated by id. Search runs oldest
 * first because its only unique contribution is the archived (old) tickets, which
 * must not fall beyond the cap. A ticket only search found is archived.
 * `total` is search's `count` (never below what was already streamed); null before.
 */
export async function* zendeskHistory(
  client: Client,
  account: string,
  requesterId: string,
  now: number,
): AsyncGenerator<HistoryPage> {
  const id = pathId(requesterId, 'GET /api/v2/users/:id/tickets/requested');
  const seen = new Set<string>();
  const fresh = (tickets: readonly ZendeskTicket[]): ZendeskTicket[] =>
    tickets.filter((t) => !seen.has(t.id) && seen.add(t.id));

  const requested = cursorPages(client, `/api/v2/users/${id}/tickets/requested.json`, {}, ZendeskTicketsPage);
  for await (const page of requested) {
    yield {
      cases: fresh(page.tickets).map((t) => toCase(t, account, looksArchived(t, account, now))),
      total: null,
    };
  }

  // Search stops at 1,000 results a query, so it walks in windows of creation time: when
  // one window fills up, the next starts where it ended. A second of overlap keeps tickets
  // created in the same second as the last one; the de-duplication drops the repeats.
  let total: number | null = null;
  let after: string | null = null;
  for (;;) {
    let fetched = 0;
    let count = 0;
    let last: string | null = null;
    for (let page = 1; page <= SEARCH_PAGES; page++) {
      const query = `type:ticket requester:${id}${after ? ` created>${after}` : ''}`;
      const path = withQuery('/api/v2/search.json', {
        query,
        sort_by: 'created_at',
        sort_order: 'asc',
        per_page: '100',
        page: String(page),
      });
      const { data } = await fetchJson(client, { method: 'GET', path }, ZendeskSearchPage);
      fetched += data.results.length;
      count = data.count;
      // The first window counts everything: that is the requester's true total.
      total ??= data.count;
      last = data.results.at(-1)?.created_at ?? last;
      const cases = fresh(data.results).map((t) => toCase(t, account, true));
      yield { cases, total: Math.max(total, seen.size) };
      if (!data.next_page || data.results.length === 0 || fetched >= Math.min(count, SEARCH_CAP)) break;
    }
    if (count <= SEARCH_CAP || last === null) return;
    const next = new Date(Date.parse(last) - 1000).toISOString().replace('.000Z', 'Z');
    // A window that cannot move forward (over 1,000 tickets in one second) ends the walk.
    if (next === after) return;
    after = next;
  }
}
