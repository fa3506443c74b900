import { pageToReload } from '../../../lib/domain/helpdesk';
import type { GrantView } from '../../../lib/domain/snapshot';
import type { TicketRef } from '../../../lib/domain/ticket-ref';

/** When this sidebar, and with it the helpdesk page around it, was loaded. */
export const SIDEBAR_OPENED = Date.now();

/**
 * The ticket page to reload when the helpdesk's page holds tags from before a credit
 * was recorded and its team index written, or null. Freshdesk's agent page (Ember) keeps the ticket it loaded
 * and does not reload it after an API write, so its next "Update" writes back the tag
 * list it holds and drops `frontline_credit`. Refreshing it from Frontline would mean
 * calling Ember's store (`store.peekRecord('ticket', id).reload()`) from the page's
 * main world, reached only through the app's private container: no supported way,
 * and it breaks when Freshdesk ships a new build. So the rep is asked to reload.
 */
export function staleTicketPage(
  grants: readonly GrantView[],
  ticket: TicketRef,
  openedAt: number,
): string | null {
  // Once the index write is done: a page reloaded before it would load the tags without it.
  const since = grants.some(
    (g) => g.state === 'recorded' && g.indexing !== true && Date.parse(g.at) >= openedAt,
  );
  return since ? pageToReload(ticket) : null;
}
