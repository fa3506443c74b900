import type { FrontlineDb } from './schema';

/*
 * The read-write transactions other folders need, named by the tables they span.
 * The work runs inside: every lib/db query it calls joins the transaction, so
 * what it writes lands together or not at all, and a concurrent transaction on
 * the same tables waits for it (IndexedDB runs them one after the other).
 */

/** A grant and its outbox row: reserve, undo, claim, record, fail, bill. */
export const inGrantsAndOutbox = <T>(db: FrontlineDb, work: () => Promise<T>): Promise<T> =>
  db.transaction('rw', db.grants, db.outbox, work);

/** An approval request and its outbox row. */
export const inApprovalsAndOutbox = <T>(db: FrontlineDb, work: () => Promise<T>): Promise<T> =>
  db.transaction('rw', db.approvals, db.outbox, work);

/** A casework operation's outbox row and how it ended. */
export const inOpRecordsAndOutbox = <T>(db: FrontlineDb, work: () => Promise<T>): Promise<T> =>
  db.transaction('rw', db.outbox, db.opRecords, work);

/** Outbox rows alone: a check-then-add that must not race another. */
export const inOutbox = <T>(db: FrontlineDb, work: () => Promise<T>): Promise<T> =>
  db.transaction('rw', db.outbox, work);

/** Grants merged from the helpdesk and the suspect notes the merge found. */
export const inGrantsAndSuspects = <T>(db: FrontlineDb, work: () => Promise<T>): Promise<T> =>
  db.transaction('rw', db.grants, db.suspects, work);
