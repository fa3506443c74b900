import type { HistoryPage } from '../adapter';
import type { Client } from '../http';
import { pathId } from '../parse';
import { toCase } from './normalize';
import { linkPages } from './paging';
import { FreshdeskTicketList } from './schemas';

/**
 * The requester's history: `GET /tickets?requester_id=` with `updated_since` far back
 * (without it the list holds only the last 30 days), 100 a page, following `Link`.
 *
 * Archived tickets: Freshdesk's list and search APIs leave them out, and the public API
 * has no call that lists them; `GET /tickets/archived/:id` serves one by id. So the
 * history cannot enumerate them. An archived ticket is still read when something refers
 * to it by id: ticket() and entries() fall back to the archived endpoints on 404, so
 * ids the cache or a link already knows keep resolving.
 */
export async function* freshdeskHistory(
  client: Client,
  account: string,
  requesterId: string,
): AsyncGenerator<HistoryPage> {
  const id = pathId(requesterId, 'GET /api/v2/tickets');
  const seen = new Set<string>();
  const params = {
    requester_id: id,
    updated_since: '2000-01-01T00:00:00Z',
    per_page: '100',
    order_by: 'created_at',
  };
  for await (const tickets of linkPages(client, '/api/v2/tickets', params, FreshdeskTicketList)) {
    const cases = tickets
      .filter((t) => !seen.has(t.id) && seen.add(t.id))
      .map((t) => toCase(t, account, false));
    yield { cases, total: null };
  }
}
