import type { TicketQuery, TicketSearch } from '../adapter';
import type { Client } from '../http';
import { fetchJson } from '../parse';
import { readSearch } from '../search-pages';
import { checkQuery, dayBefore, dayOf, lowerBound } from '../search-query';
import { freshdeskLedgerField } from './ledger-field';
import { toCase } from './normalize';
import { withQuery } from './paging';
import { FreshdeskSearchTickets } from './schemas';
import { freshdeskStatuses, NO_MEANINGS, type StatusMeanings } from './statuses';

/** Filter search serves 30 a page and at most 10 pages, without a Link header. */
const PAGES = 10;
const PAGE_SIZE = 30;
const ENDPOINT = 'GET /api/v2/search/tickets';
/** Freshdesk's numbers for Resolved and Closed. */
const SOLVED = [4, 5];

/** Resolved, Closed and the account's own statuses that mean either (statuses.ts). */
const solvedTerm = (meanings: StatusMeanings): string =>
  `(${[...SOLVED, ...[...meanings.keys()].sort((a, b) => a - b)].map((s) => `status:${s}`).join(' OR ')})`;

/**
 * `"tag:'…' AND agent_id:… AND (status:4 OR status:5) AND updated_at:>'…' AND updated_at:<'…'"`.
 * Filter Tickets (developers.freshdesk.com/api/#filter_tickets): the query sits in double
 * quotes, at most 512 characters; `tag`, `agent_id`, `status`, `updated_at` and `cf_*` are
 * filterable; dates are `'YYYY-MM-DD'` in UTC and `:>`/`:<` include their day, so an
 * `updatedSince` instant rounds down to its day (a few more results, never fewer); 30
 * results a page, pages 1 to 10 (300 at most). Archived tickets are not searchable, but a
 * ticket archived in the period looked at is rare.
 */
export function freshdeskQuery(query: TicketQuery, meanings: StatusMeanings = NO_MEANINGS): string {
  checkQuery(query, ENDPOINT);
  const lower = lowerBound(query);
  const terms = [
    query.tag && `tag:'${query.tag}'`,
    query.assigneeId && `agent_id:${query.assigneeId}`,
    query.solved && solvedTerm(meanings),
    `updated_at:>'${'day' in lower ? lower.day : dayOf(lower.instant)}'`,
    query.updatedBefore
      ? `updated_at:<'${dayOf(query.updatedBefore)}'`
      : query.until && `updated_at:<'${dayBefore(query.until)}'`,
  ].filter(Boolean);
  return `"${terms.join(' AND ')}"`;
}

const pagePath = (query: string, page: number) =>
  withQuery('/api/v2/search/tickets', { query, page: String(page) });

/** Results come newest update first (Freshdesk's default order for filter search). */
export async function freshdeskSearchTickets(
  client: Client,
  account: string,
  query: TicketQuery,
): Promise<TicketSearch> {
  checkQuery(query, ENDPOINT);
  const [meanings, ledgerField] = await Promise.all([
    freshdeskStatuses(client, account),
    freshdeskLedgerField(client, account),
  ]);
  const text = freshdeskQuery(query, meanings);
  const { results, total, complete } = await readSearch(
    async (page) =>
      (await fetchJson(client, { method: 'GET', path: pagePath(text, page) }, FreshdeskSearchTickets)).data,
    PAGE_SIZE,
    query.firstPage ? 1 : PAGES,
  );
  return { cases: results.map((t) => toCase(t, account, false, meanings, ledgerField)), total, complete };
}

export async function freshdeskCountTickets(
  client: Client,
  account: string,
  query: TicketQuery,
): Promise<number> {
  checkQuery(query, ENDPOINT);
  const meanings = query.solved ? await freshdeskStatuses(client, account) : NO_MEANINGS;
  const { data } = await fetchJson(
    client,
    { method: 'GET', path: pagePath(freshdeskQuery(query, meanings), 1) },
    FreshdeskSearchTickets,
  );
  return data.total;
}
