import { getCase } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import type { CreditBlock } from '../domain/credit-off';
import type { Case } from '../domain/model';
import type { TicketRef } from '../domain/ticket-ref';
import { platformOf } from '../helpdesks/registry';

/**
 * Why the helpdesk would refuse a credit's note on this ticket, or null. Zendesk
 * answers 422 to any update of a closed ticket; an archived ticket (either
 * helpdesk) takes no writes at all. A Freshdesk ticket that is closed but not
 * archived still takes private notes, so it is not refused.
 */
export function ticketRefusal(ticket: Pick<Case, 'ref' | 'status' | 'archived'>): CreditBlock | null {
  const { name, closedTakesWrites } = platformOf(ticket.ref.helpdesk);
  if (ticket.archived) {
    return {
      english: `This ticket is archived: ${name} accepts no changes to it, so a credit cannot be recorded here. Grant it on a new or open ticket of this customer.`,
      off: { why: 'ticket-archived', helpdesk: name },
    };
  }
  if (!closedTakesWrites && ticket.status === 'closed') {
    return {
      english: `This ticket is closed: ${name} accepts no changes to a closed ticket, so a credit cannot be recorded here. Grant it on a new or open ticket of this customer.`,
      off: { why: 'ticket-closed', helpdesk: name },
    };
  }
  return null;
}

/** The refusal for the cached ticket; a ticket not cached yet is not refused here (the commit still is). */
export async function cachedTicketRefusal(db: FrontlineDb, ref: TicketRef): Promise<CreditBlock | null> {
  const cached = await getCase(db, ref);
  return cached === undefined ? null : ticketRefusal(cached);
}
