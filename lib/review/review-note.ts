import { z } from 'zod';
import {
  ApprovalDecisionMarker,
  CoachingMarker,
  findMarker,
  formatMarker,
  textBeforeMarker,
} from '../domain/markers';
import type { Entry } from '../domain/model';
import { TicketRef } from '../domain/ticket-ref';

/** A decision or coaching note on its way to the helpdesk, as its outbox row holds it. */
export const ReviewNote = z.object({
  ticket: TicketRef,
  /** The whole note, marker last. */
  text: z.string(),
  marker: z.union([ApprovalDecisionMarker, CoachingMarker]),
  /** A write of it went out (it may have landed): a retry reads the ticket first. */
  tried: z.boolean(),
});
export type ReviewNote = z.infer<typeof ReviewNote>;

const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Whether the note is already on the ticket, checked before a retry so a write
 * whose answer was lost (a killed worker, a dropped connection) is not written
 * twice. Ours is a private note the helpdesk says its marker's `by` wrote, with
 * the same marker: a note someone else wrote with our marker does not count.
 * A request has one decision per approver, so the marker names it; an approver
 * may coach a grant more than once, so a coaching note must also say the same.
 */
export function noteLanded(entries: readonly Entry[], note: ReviewNote): boolean {
  const wanted = formatMarker(note.marker);
  const body = fold(textBeforeMarker(note.text));
  return entries.some((entry) => {
    if (entry.public || entry.fromCustomer || entry.authorId !== note.marker.by) return false;
    const marker = findMarker(entry.text, true);
    if (marker === null || formatMarker(marker) !== wanted) return false;
    return note.marker.kind !== 'coaching' || fold(textBeforeMarker(entry.text)) === body;
  });
}
