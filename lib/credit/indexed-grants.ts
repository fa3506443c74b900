import { CreditGrant } from '../domain/credit-grant';
import { decodeIndex } from '../domain/grant-index';
import type { Case } from '../domain/model';

/** The index line carries no reason; the note does, and a grant read from the index says where to find it. */
export const INDEXED_REASON = 'Recorded in the Frontline ledger field; the reason is in the ticket’s note.';

/**
 * An agent's grants on a ticket as its "Frontline ledger" field lists them, or null when
 * the field cannot be believed for this agent and the ticket's notes must be read: no
 * field on the account (`ledger` undefined), an empty field or no line of this agent's on
 * a ticket the search found by the agent's own tag, a damaged field, or a line that
 * fails the grant's own rules (a customer other than the ticket's requester, whom a
 * credit is always for).
 */
export function agentGrantsInIndex(ticket: Case, agentId: string): CreditGrant[] | null {
  if (ticket.ledger === undefined || ticket.ledger === null) return null;
  const read = decodeIndex(ticket.ledger);
  const mine = read.grants.filter((g) => g.agentId === agentId);
  if (read.damaged || mine.length === 0) return null;
  const grants: CreditGrant[] = [];
  for (const line of mine) {
    const grant = CreditGrant.safeParse({
      id: line.id,
      ticket: ticket.ref,
      customerId: line.customerId,
      agentId: line.agentId,
      amount: { amount: line.amount, currency: line.currency },
      reason: INDEXED_REASON,
      at: line.at,
      state: 'recorded',
    });
    if (!grant.success || line.customerId !== ticket.requesterId) return null;
    grants.push(grant.data);
  }
  return grants;
}
