import type { HistoryCompleteness } from '../../domain/history-completeness';
import type { HistoryPage } from '../adapter';
import type { Client } from '../http';
import { fetchJson, pathId } from '../parse';
import { toCase } from './normalize';
import { linkPages } from './paging';
import { FreshdeskAgent, type FreshdeskTicket, FreshdeskTicketList } from './schemas';
import { freshdeskStatuses } from './statuses';

const PATH = '/api/v2/tickets';
const LONG_AGO = '2000-01-01T00:00:00Z';
/** `ticket_scope` 1 Global; 2 Group (their groups' tickets and their own); 3 Restricted (their own). */
const GLOBAL_SCOPE = 1;

/**
 * Whether the agent sees every ticket. An agent whose scope cannot be read is taken as
 * global: that is how the history read before it asked, and the list itself still holds
 * only what the agent may see.
 */
async function seesAll(client: Client): Promise<boolean> {
  try {
    const { data } = await fetchJson(client, { method: 'GET', path: '/api/v2/agents/me' }, FreshdeskAgent);
    return (data.ticket_scope ?? GLOBAL_SCOPE) === GLOBAL_SCOPE;
  } catch {
    return true;
  }
}

/**
 * The requester's history from `GET /tickets?requester_id=`, 100 a page, following `Link`.
 *
 * What it cannot hold, and says so (`completeness`): archived tickets (the list and search
 * leave them out and the public API has no call that lists them; `GET /tickets/archived/:id`
 * serves one by id, so ids already known keep resolving), and, for an agent scoped to their
 * groups or their own tickets, the tickets the agent may not see. The contact's page in
 * Freshdesk (`/a/contacts/:id`) lists them all.
 *
 * Without `updated_since` the list holds only tickets created in the last 30 days; whether
 * `requester_id` still applies together with `updated_since` is not documented
 * (developers.freshdesk.com/api/#list_all_tickets lists both filters, and neither the client
 * libraries nor the issues searched say they combine). So both queries run, merged by id:
 * 1. `requester_id` + `updated_since` far back: the whole history where they combine. A
 *    ticket of another requester means `requester_id` was dropped; walking on would list
 *    the whole account, so the walk stops there and keeps only this requester's tickets.
 * 2. `requester_id` alone, newest first, until a page brings nothing new: where (1) worked
 *    that is one request more per history; where it did not, this is the history (the last
 *    30 days, or all of it if `requester_id` lifts the window: either way, what there is).
 */
export async function* freshdeskHistory(
  client: Client,
  account: string,
  requesterId: string,
): AsyncGenerator<HistoryPage> {
  const id = pathId(requesterId, 'GET /api/v2/tickets');
  // Asked alongside the first page, not before it.
  const context = Promise.all([freshdeskStatuses(client, account), seesAll(client)]);
  const seen = new Set<string>();
  const page = async (tickets: readonly FreshdeskTicket[]): Promise<HistoryPage> => {
    const [meanings, all] = await context;
    const completeness: HistoryCompleteness = {
      archivedIncluded: false,
      scope: all ? 'all' : 'visible',
      contactUrl: `https://${account}/a/contacts/${id}`,
    };
    return {
      cases: tickets
        .filter((t) => !seen.has(t.id) && seen.add(t.id))
        .map((t) => toCase(t, account, false, meanings)),
      total: null,
      completeness,
    };
  };
  const query = { requester_id: id, per_page: '100', order_by: 'created_at' };

  for await (const tickets of linkPages(
    client,
    PATH,
    { ...query, updated_since: LONG_AGO },
    FreshdeskTicketList,
  )) {
    const own = tickets.filter((t) => t.requester_id === id);
    yield await page(own);
    if (own.length < tickets.length) break;
  }
  for await (const tickets of linkPages(client, PATH, query, FreshdeskTicketList)) {
    const fresh = await page(tickets.filter((t) => t.requester_id === id));
    yield fresh;
    if (fresh.cases.length === 0) break;
  }
}
