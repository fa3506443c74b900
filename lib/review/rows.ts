import { isSolvedStatus } from '../domain/case-status';
import type { CreditGrant } from '../domain/credit-grant';
import type { Case } from '../domain/model';
import type { ReviewRow } from '../domain/review/review-row';
import { refKey } from '../domain/ticket-ref';
import type { ReviewDeps } from './deps';
import { agentNames, customerNames } from './names';
import type { AccountSource } from './source';

/**
 * Which names a row build may ask the helpdesk for; the rest come from the cache or show as ids.
 * Customers: `true` any the cache lacks (within the load's budget), or only those of grants not
 * among `heldBefore` (the ids this browser held before a reload: its new rows).
 */
export interface NameFetch {
  agents: boolean;
  customers: boolean | { heldBefore: ReadonlySet<string> };
}
export const ALL_NAMES: NameFetch = { agents: true, customers: true };
export const CACHED_NAMES: NameFetch = { agents: false, customers: false };

const customersToAsk = (newestFirst: readonly CreditGrant[], fetch: NameFetch): CreditGrant[] => {
  if (typeof fetch.customers === 'boolean') return fetch.customers ? [...newestFirst] : [];
  const { heldBefore } = fetch.customers;
  return newestFirst.filter((g) => !heldBefore.has(g.id));
};

/** A grant as the review shows it; `status` is what this load's search saw of its ticket (undefined: not yet). */
const reviewRow = (
  g: CreditGrant,
  agentName: string,
  customerName: string,
  status: Case['status'] | undefined,
): ReviewRow => ({
  grantId: g.id,
  helpdesk: g.ticket.helpdesk,
  account: g.ticket.account,
  ticketId: g.ticket.id,
  agentId: g.agentId,
  agentName,
  customerId: g.customerId,
  customerName,
  amount: g.amount.amount,
  currency: g.amount.currency,
  reason: g.reason,
  at: g.at,
  solved: status === undefined ? null : isSolvedStatus(status),
});

/**
 * The period's recorded grants as rows. `statuses` is what this load's search
 * saw of each ticket; `fetch` says which names may be asked of the helpdesk
 * rather than only read from the cache.
 */
export async function namedRows(
  deps: Pick<ReviewDeps, 'db' | 'now'>,
  src: AccountSource,
  grants: readonly CreditGrant[],
  statuses: ReadonlyMap<string, Case['status']>,
  fetch: NameFetch,
): Promise<ReviewRow[]> {
  const agent = await agentNames(
    deps.db,
    src,
    grants.map((g) => g.agentId),
    deps.now(),
    !fetch.agents,
  );
  // Customer names are read a few requests a load (one a customer on Freshdesk): the newest rows, which the page lists first, come first.
  const newestFirst = [...grants].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const asked = customersToAsk(newestFirst, fetch);
  if (asked.length > 0)
    await customerNames(
      deps.db,
      src,
      asked.map((g) => g.customerId),
      deps.now(),
    );
  const customer = await customerNames(
    deps.db,
    src,
    newestFirst.map((g) => g.customerId),
    deps.now(),
    true,
  );
  return grants.map((g) =>
    reviewRow(g, agent(g.agentId), customer(g.customerId), statuses.get(refKey(g.ticket))),
  );
}
