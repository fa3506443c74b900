import { z } from 'zod';
import type { TicketRef } from '../../domain/ticket-ref';
import type { Client } from '../http';
import { fetchJson, JsonId } from '../parse';
import { checkTagQuery } from '../tag-search';
import { withQuery } from './paging';

/** Search serves 100 a page and at most 10 pages (page 11 answers 422). */
const PAGES = 10;

const TaggedPage = z.object({
  results: z.array(z.object({ id: JsonId })),
  next_page: z.string().nullable(),
});

/** `type:ticket tags:TAG updated>=DAY`, most recently updated first. At most 10 requests. */
export async function zendeskTaggedSince(
  client: Client,
  account: string,
  tag: string,
  since: string,
): Promise<TicketRef[]> {
  checkTagQuery(tag, since, 'GET /api/v2/search');
  const ids = new Set<string>();
  for (let page = 1; page <= PAGES; page++) {
    const path = withQuery('/api/v2/search.json', {
      query: `type:ticket tags:${tag} updated>=${since}`,
      sort_by: 'updated_at',
      sort_order: 'desc',
      per_page: '100',
      page: String(page),
    });
    const { data } = await fetchJson(client, { method: 'GET', path }, TaggedPage);
    for (const result of data.results) ids.add(result.id);
    if (!data.next_page || data.results.length === 0) break;
  }
  return [...ids].map((id) => ({ helpdesk: 'zendesk', account, id }));
}
