import { trustedMarkers } from '../domain/marker-trust';
import type { Case, Entry } from '../domain/model';
import { CREDIT_TAG } from '../domain/tags';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { platformOf } from '../helpdesks/registry';

/** What a thread read knows of its ticket: enough to tell whether the tag is missing and can be written. */
export type TaggedTicket = Pick<Case, 'ref' | 'tags' | 'status' | 'requesterId' | 'archived'>;

/**
 * Whether the ticket lacks the `frontline_credit` tag although its thread holds a
 * credit marker that counts, and can take the tag back: an archived ticket cannot,
 * nor a closed one where the helpdesk refuses updates of closed tickets (Zendesk's 422
 * "Status: closed prevents ticket update").
 */
export function needsCreditTag(ticket: TaggedTicket, entries: readonly Entry[]): boolean {
  if (ticket.tags.includes(CREDIT_TAG) || ticket.archived) return false;
  if (ticket.status === 'closed' && !platformOf(ticket.ref.helpdesk).closedTakesWrites) return false;
  return trustedMarkers(entries, { requesterId: ticket.requesterId }).some(
    ({ marker }) => marker.kind === 'credit',
  );
}

/**
 * The one "restore a missing tag" step every thread read runs once for its ticket.
 * The tag is how the ledger search and the review find a grant; a collision, a
 * Freshdesk page's stale Update or a person can remove it while the note stays.
 * Nothing is written when the tag is there; the write is an idempotent add, and a
 * failure is left for the next read (the note stays the record), never retried here.
 * Returns whether the tag was written.
 */
export async function restoreCreditTag(
  source: { adapter: HelpdeskAdapter; client: Client },
  ticket: TaggedTicket,
  entries: readonly Entry[],
): Promise<boolean> {
  if (!needsCreditTag(ticket, entries)) return false;
  try {
    await source.adapter.addTag(source.client, ticket.ref, CREDIT_TAG);
    return true;
  } catch {
    return false;
  }
}
