import type { CreditMarker } from '../../../lib/domain/markers';
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

/**
 * A credit note written straight into the helpdesk as `author`, with no tags: what a tampering
 * or a second device leaves for a reader that believes only notes (the gateway). The marker
 * names `author` and the ticket's requester unless `marker` says otherwise. Returns its grant id.
 */
export function writeCreditNote(
  sim: Simulator,
  ticket: SimTicket,
  author: SimUser,
  marker: Partial<CreditMarker> & { amount: number },
): string {
  const full: CreditMarker = {
    kind: 'credit',
    id: crypto.randomUUID(),
    currency: 'USD',
    agent: author.id,
    customer: ticket.requesterId,
    reason: 'Goodwill',
    ...marker,
  };
  sim.control.addNote(ticket, creditNoteText(full, author.name), author.email);
  return full.id;
}
