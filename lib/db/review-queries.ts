import type { CreditGrant } from '../domain/credit-grant';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import { caseRows, dueRows, nextDue } from './outbox-queries';
import type { OutboxRow } from './rows';
import type { FrontlineDb } from './schema';

/**
 * The manager review's table access: the grants it shows and decides by, and
 * its rows of the shared outbox (decision and coaching notes on their way to
 * the helpdesk). Rows of other kinds are left alone.
 */
export const REVIEW_NOTE_KIND = 'review-note';
const KINDS = [REVIEW_NOTE_KIND];

/**
 * Recorded grants of an account in [start, end), from the table the credit
 * engine also writes. Filtered here rather than with Dexie's filter(): a plain
 * index read is one getAll, a filtered one walks a cursor row by row.
 */
export async function recordedGrantsIn(
  db: FrontlineDb,
  account: string,
  bounds: { start: number; end: number },
): Promise<CreditGrant[]> {
  const rows = await db.grants.where('state').equals('recorded').toArray();
  return rows
    .filter((row) => row.grant.ticket.account === account && row.at >= bounds.start && row.at < bounds.end)
    .map((row) => row.grant);
}

/** This browser's copy of a grant, if it has one. */
export const localGrant = async (db: FrontlineDb, id: string): Promise<CreditGrant | undefined> =>
  (await db.grants.get(id))?.grant;

/** A review note waiting to be written, due at once. */
export async function queueReviewNote(
  db: FrontlineDb,
  id: string,
  ticket: TicketRef,
  payload: unknown,
  now: number,
): Promise<void> {
  await db.outbox.put({
    id,
    kind: REVIEW_NOTE_KIND,
    caseKey: refKey(ticket),
    payload,
    createdAt: now,
    nextAttemptAt: now,
    attempts: 0,
    lastError: null,
  });
}

/**
 * Takes a review note for one attempt: returns the row as it was and, in the
 * same transaction, stores `payload` (the row marked as tried) and makes the row
 * wait until `guardUntil`, so a worker that dies mid-write leaves no retry that
 * could race the write still in flight. Null when the row is gone (sent, or dropped).
 */
export function claimReviewNote(
  db: FrontlineDb,
  id: string,
  tried: (payload: unknown) => unknown,
  guardUntil: number,
): Promise<OutboxRow | null> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(id);
    if (row === undefined || row.kind !== REVIEW_NOTE_KIND) return null;
    await db.outbox.update(id, { payload: tried(row.payload), nextAttemptAt: guardUntil });
    return row;
  });
}

/** The note is on the ticket, or can never be: the row goes. */
export const dropReviewNote = async (db: FrontlineDb, id: string): Promise<void> => {
  await db.outbox.delete(id);
};

/** The review notes of one ticket still to be written. */
export const ticketReviewNotes = (db: FrontlineDb, ticket: TicketRef): Promise<OutboxRow[]> =>
  caseRows(db, refKey(ticket), KINDS);

/** Due review notes, oldest due first. */
export const dueReviewNotes = (db: FrontlineDb, now: number): Promise<OutboxRow[]> => dueRows(db, now, KINDS);

/** When the next review note falls due (epoch ms), or null when none waits. */
export const nextReviewNoteDue = (db: FrontlineDb): Promise<number | null> => nextDue(db, KINDS);
