import { z } from 'zod';
import type { TicketRef } from '../../domain/ticket-ref';
import type { Client } from '../http';
import { fetchJson, JsonId } from '../parse';
import { checkTagQuery } from '../tag-search';
import { withQuery } from './paging';

/** Filter search serves 30 a page and at most 10 pages, without a Link header. */
const PAGES = 10;
const PAGE_SIZE = 30;

const TaggedPage = z.object({
  results: z.array(z.object({ id: JsonId })),
  total: z.number().int().nonnegative(),
});

/**
 * `tag:'TAG' AND updated_at:>'DAY'` (`:>` is "on or after"), newest update first. Archived
 * tickets are not searchable, but a ticket archived this period is rare. At most 10 requests.
 */
export async function freshdeskTaggedSince(
  client: Client,
  account: string,
  tag: string,
  since: string,
): Promise<TicketRef[]> {
  checkTagQuery(tag, since, 'GET /api/v2/search/tickets');
  const ids = new Set<string>();
  for (let page = 1; page <= PAGES; page++) {
    const path = withQuery('/api/v2/search/tickets', {
      query: `"tag:'${tag}' AND updated_at:>'${since}'"`,
      page: String(page),
    });
    const { data } = await fetchJson(client, { method: 'GET', path }, TaggedPage);
    for (const result of data.results) ids.add(result.id);
    if (data.results.length < PAGE_SIZE || page * PAGE_SIZE >= data.total) break;
  }
  return [...ids].map((id) => ({ helpdesk: 'freshdesk', account, id }));
}
