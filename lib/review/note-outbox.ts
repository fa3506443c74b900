import { postpone } from '../db/outbox-queries';
import {
  claimReviewNote,
  dropReviewNote,
  dueReviewNotes,
  nextReviewNoteDue,
  queueReviewNote,
} from '../db/review-queries';
import type { ApprovalDecisionMarker, CoachingMarker } from '../domain/markers';
import type { TicketRef } from '../domain/ticket-ref';
import { classifyWriteFailure } from '../helpdesks/write-failure';
import { IN_FLIGHT_GUARD_MS } from '../transport/in-flight';
import { DONE, type NoteResult, type ReviewDeps, refuse } from './deps';
import { noteLanded, ReviewNote } from './review-note';

/** One worker of the review's notes per browser profile at a time (Web Locks span the worker and the pages). */
const REVIEW_OUTBOX_LOCK = 'frontline-review:outbox';

type OutboxDeps = Pick<ReviewDeps, 'db' | 'adapterFor' | 'client' | 'now' | 'changed' | 'withLock'>;

const markTried = (payload: unknown): unknown => {
  const note = ReviewNote.safeParse(payload);
  return note.success ? { ...note.data, tried: true } : payload;
};

/** Stores a note to be written; returns its row id. Nothing is lost from here on, whatever stops the worker. */
export async function queueNote(
  deps: Pick<ReviewDeps, 'db' | 'now'>,
  ticket: TicketRef,
  text: string,
  marker: ApprovalDecisionMarker | CoachingMarker,
): Promise<string> {
  const id = crypto.randomUUID();
  const note: ReviewNote = { ticket, text, marker, tried: false };
  await queueReviewNote(deps.db, id, ticket, note, deps.now());
  return id;
}

/**
 * One attempt at one note. A note tried before may have landed: the ticket's
 * notes are read and, when it is there, nothing is written again. Transient
 * failures leave the row with backoff; a refusal for good drops it (a note the
 * helpdesk will not take cannot be made to land by trying again).
 */
async function attempt(deps: OutboxDeps, id: string, priority: 'view' | 'background'): Promise<NoteResult> {
  const row = await claimReviewNote(deps.db, id, markTried, deps.now() + IN_FLIGHT_GUARD_MS);
  // Gone: another attempt wrote it meanwhile.
  if (row === null) return DONE;
  const parsed = ReviewNote.safeParse(row.payload);
  if (!parsed.success) {
    // Written by another version of Frontline: it cannot be sent safely.
    await dropReviewNote(deps.db, id);
    return refuse({ message: 'This note was saved by another version of Frontline and was not sent.' });
  }
  const note = parsed.data;
  const adapter = deps.adapterFor(note.ticket.helpdesk);
  const client = deps.client(note.ticket, priority);
  try {
    if (!note.tried || !noteLanded(await adapter.entries(client, note.ticket), note))
      await adapter.addPrivateNote(client, note.ticket, note.text);
    await dropReviewNote(deps.db, id);
    deps.changed(note.ticket);
    return DONE;
  } catch (error) {
    const failure = classifyWriteFailure(error);
    if (failure.permanent) {
      await dropReviewNote(deps.db, id);
      return refuse({ message: failure.message });
    }
    await postpone(deps.db, id, deps.now(), failure.message);
    return refuse({ message: `Saved in Frontline, not yet on the ticket: ${failure.message}` });
  }
}

/** Writes one queued note now, for an approver waiting on the answer. */
export async function sendNote(
  deps: OutboxDeps & Pick<ReviewDeps, 'notesWaiting'>,
  id: string,
): Promise<NoteResult> {
  const result = await deps.withLock(REVIEW_OUTBOX_LOCK, () => attempt(deps, id, 'view'));
  if (!result.ok) deps.notesWaiting();
  return result;
}

/**
 * Works every due review note, then says when the next one falls due (epoch
 * ms, for an alarm or a timer) or null. All state is in the database, so
 * calling this on worker start resumes whatever a killed worker left.
 */
export const drainNotes = (deps: OutboxDeps): Promise<number | null> =>
  deps.withLock(REVIEW_OUTBOX_LOCK, async () => {
    for (const row of await dueReviewNotes(deps.db, deps.now())) {
      try {
        await attempt(deps, row.id, 'background');
      } catch (error) {
        // A database fault in one row must not stall the rest; it is tried again after its backoff.
        await postpone(deps.db, row.id, deps.now(), classifyWriteFailure(error).message);
      }
    }
    return nextReviewNoteDue(deps.db);
  });
