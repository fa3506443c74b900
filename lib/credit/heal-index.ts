import { type IndexedGrant, indexHolds } from '../domain/grant-index';
import { trustedMarkers } from '../domain/marker-trust';
import type { Case, Entry } from '../domain/model';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { indexTags } from '../helpdesks/index-tags';
import { platformOf } from '../helpdesks/registry';

/** What a read knows of its ticket: enough to tell whether its team index misses a grant and can be written. */
export type IndexedTicket = Pick<Case, 'ref' | 'tags' | 'status' | 'requesterId' | 'archived' | 'ledger'>;

/**
 * The grants a thread proves, as index lines: credit markers that count (the trust rule of
 * marker-trust.ts), dated by their notes, as the ledger dates them (ledger.ts grantFromMarker).
 */
export const indexedGrantsIn = (entries: readonly Entry[], requesterId: string): IndexedGrant[] =>
  trustedMarkers(entries, { requesterId }).flatMap(({ marker, entry }) =>
    marker.kind === 'credit'
      ? [
          {
            id: marker.id,
            agentId: marker.agent,
            customerId: marker.customer,
            amount: marker.amount,
            currency: marker.currency,
            at: entry.createdAt,
            ...(marker.request === undefined ? {} : { request: marker.request }),
          },
        ]
      : [],
  );

/**
 * Whether the ticket's index misses one of `grants` and can take it back: a tag
 * (`frontline_credit`, a granting agent's `fl_credit_…`), or, where the account has the
 * ledger field (`ledger` is not undefined), a line, or the field is damaged. An archived
 * ticket cannot be written, nor a closed one where the helpdesk refuses updates of closed
 * tickets (Zendesk's 422 "Status: closed prevents ticket update").
 */
export function needsHealing(ticket: IndexedTicket, grants: readonly IndexedGrant[]): boolean {
  if (grants.length === 0 || ticket.archived) return false;
  if (ticket.status === 'closed' && !platformOf(ticket.ref.helpdesk).closedTakesWrites) return false;
  if (indexTags(grants).some((tag) => !ticket.tags.includes(tag))) return true;
  return ticket.ledger !== undefined && !indexHolds(ticket.ledger, grants);
}

/**
 * Puts back what the ticket's index misses of the trusted `grants` (from its notes, or this
 * browser's recorded grants), in one ticket update (adapter.indexGrants, which reads the
 * ticket again and writes only what is still missing). A collision, a Freshdesk page's stale
 * Update or a person can remove a tag or a line while the note stays. Nothing is written when
 * the index is whole; a failure is left for the next read (the notes stay the record), never
 * retried here. Returns whether the index was written.
 */
export async function healIndex(
  source: { adapter: HelpdeskAdapter; client: Client },
  ticket: IndexedTicket,
  grants: readonly IndexedGrant[],
): Promise<boolean> {
  if (!needsHealing(ticket, grants)) return false;
  try {
    await source.adapter.indexGrants(source.client, ticket.ref, grants);
    return true;
  } catch {
    return false;
  }
}

/** The one heal step every thread read runs once for its ticket, with the grants its notes prove. */
export const healIndexFromNotes = (
  source: { adapter: HelpdeskAdapter; client: Client },
  ticket: IndexedTicket,
  entries: readonly Entry[],
): Promise<boolean> => healIndex(source, ticket, indexedGrantsIn(entries, ticket.requesterId));
