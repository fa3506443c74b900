import type { TicketQuery, TicketSearch } from '../adapter';
import type { Client } from '../http';
import { fetchJson } from '../parse';
import { readSearch } from '../search-pages';
import { checkQuery, lowerBound, toSecond } from '../search-query';
import { zendeskLedgerField } from './ledger-field';
import { looksArchived, toCase } from './normalize';
import { withQuery } from './paging';
import { ZendeskSearchPage } from './schemas';

/** Search serves 100 a page and at most 10 pages (page 11 answers 422). */
const PAGES = 10;
const PER_PAGE = 100;
const ENDPOINT = 'GET /api/v2/search';

/**
 * `type:ticket tags:… assignee:… status>=solved updated>=… updated<…` (terms are ANDed).
 * Dates are days or, per the Zendesk Support search reference ("Searching by date and
 * time", support.zendesk.com/hc/en-us/articles/4408886879258), ISO 8601 date-times such as
 * `updated>2026-12-03T10:00:00Z`, compared to the second; `>` excludes the instant itself,
 * which callers asking "since the last look" cover with their overlap.
 */
export function zendeskQuery(query: TicketQuery): string {
  checkQuery(query, ENDPOINT);
  const lower = lowerBound(query);
  return [
    'type:ticket',
    query.tag && `tags:${query.tag}`,
    query.assigneeId && `assignee:${query.assigneeId}`,
    query.solved && 'status>=solved',
    'day' in lower ? `updated>=${lower.day}` : `updated>${toSecond(lower.instant)}`,
    query.updatedBefore
      ? `updated<${toSecond(query.updatedBefore)}`
      : query.until && `updated<${query.until}`,
  ]
    .filter(Boolean)
    .join(' ');
}

const pagePath = (query: string, page: number, perPage: number) =>
  withQuery('/api/v2/search.json', {
    query,
    sort_by: 'updated_at',
    sort_order: 'desc',
    per_page: String(perPage),
    page: String(page),
  });

export async function zendeskSearchTickets(
  client: Client,
  account: string,
  query: TicketQuery,
  now: number,
): Promise<TicketSearch> {
  const text = zendeskQuery(query);
  const ledgerField = zendeskLedgerField(client, account, now);
  const { results, total, complete } = await readSearch(
    async (page) => {
      const { data } = await fetchJson(
        client,
        { method: 'GET', path: pagePath(text, page, PER_PAGE) },
        ZendeskSearchPage,
      );
      return { results: data.results, total: data.count };
    },
    PER_PAGE,
    query.firstPage ? 1 : PAGES,
  );
  const field = await ledgerField;
  return {
    cases: results.map((t) => toCase(t, account, looksArchived(t, account, now), field)),
    total,
    complete,
  };
}

/** `count` is the true total whatever the page size: one result is enough. */
export async function zendeskCountTickets(client: Client, query: TicketQuery): Promise<number> {
  const { data } = await fetchJson(
    client,
    { method: 'GET', path: pagePath(zendeskQuery(query), 1, 1) },
    ZendeskSearchPage,
  );
  return data.count;
}
