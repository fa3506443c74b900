import { creditNoteText } from '../../../lib/domain/note-text';
import { agentCreditTag, CREDIT_TAG } from '../../../lib/domain/tags';
import type { SimTicket, SimUser } from '../data/model';
import type { Simulator } from '../server';

export interface SeededGrant {
  ticket: SimTicket;
  agent: SimUser;
  amount: number;
  reason: string;
  /** The grant id; a fresh one when left out. */
  id?: string;
}

/**
 * Writes a credit note as the agent would have through Frontline (the text,
 * the marker, the tags search finds it by: `frontline_credit` and the agent's
 * own), stamped now: a grant the review and the ledger must count.
 */
export function seedGrant(sim: Simulator, grant: SeededGrant): string {
  const id = grant.id ?? crypto.randomUUID();
  const marker = {
    kind: 'credit' as const,
    id,
    amount: grant.amount,
    currency: 'USD',
    agent: grant.agent.id,
    customer: grant.ticket.requesterId,
    reason: grant.reason,
  };
  sim.control.addNote(grant.ticket, creditNoteText(marker, grant.agent.name), grant.agent.email);
  for (const tag of [CREDIT_TAG, agentCreditTag(grant.agent.id)])
    if (!grant.ticket.tags.includes(tag)) grant.ticket.tags.push(tag);
  return id;
}
