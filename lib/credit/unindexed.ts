import type { CreditGrant } from '../domain/credit-grant';
import { decodeIndex } from '../domain/grant-index';
import type { Case } from '../domain/model';
import { agentCreditTag, CREDIT_TAG } from '../domain/tags';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import { platformOf } from '../helpdesks/registry';

export interface Unindexed {
  ref: TicketRef;
  /** The rep's grants on the ticket this browser holds as recorded. */
  grantIds: Set<string>;
  /** Whether the ticket as read now still lacks part of their index (a tag, or a line when the field exists). */
  short(ticket: Case): boolean;
}

/** Whether `ticket` lacks a credit tag, the agent's tag, or (where the field exists) a line of `grantIds`. */
export function indexShort(ticket: Case, agentId: string, grantIds: ReadonlySet<string>): boolean {
  if (!ticket.tags.includes(CREDIT_TAG) || !ticket.tags.includes(agentCreditTag(agentId))) return true;
  if (ticket.ledger === undefined) return false;
  const lines = new Set(decodeIndex(ticket.ledger ?? '').grants.map((g) => g.id));
  return [...grantIds].some((id) => !lines.has(id));
}

/** An archived ticket takes no writes, nor a closed one where the helpdesk refuses them: nothing to heal there. */
const writable = (ticket: Case): boolean =>
  !ticket.archived && (ticket.status !== 'closed' || platformOf(ticket.ref.helpdesk).closedTakesWrites);

/**
 * Tickets holding grants of `agentId` this browser recorded (`mine`), older than
 * `settledBefore` so the search has had time to index them, that the search of the
 * agent's tag (`searched`) did not show fully indexed: missing from the answer, or
 * there with a tag or a line short.
 */
export function unindexedTickets(
  mine: readonly CreditGrant[],
  searched: readonly Case[],
  agentId: string,
  settledBefore: number,
): Map<string, Unindexed> {
  const seen = new Map(searched.map((c) => [refKey(c.ref), c]));
  const out = new Map<string, Unindexed>();
  for (const grant of mine) {
    if (grant.state !== 'recorded' || grant.agentId !== agentId || Date.parse(grant.at) >= settledBefore)
      continue;
    const key = refKey(grant.ticket);
    const grantIds = out.get(key)?.grantIds ?? new Set<string>();
    grantIds.add(grant.id);
    const entry: Unindexed = out.get(key) ?? {
      ref: grant.ticket,
      grantIds,
      short: (c) => writable(c) && indexShort(c, agentId, grantIds),
    };
    out.set(key, entry);
  }
  for (const [key, entry] of out) {
    const found = seen.get(key);
    if (found !== undefined && !indexShort(found, agentId, entry.grantIds)) out.delete(key);
  }
  return out;
}
