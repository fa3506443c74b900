import { retryDelay } from './outbox-backoff';
import type { OutboxRow } from './rows';
import type { FrontlineDb } from './schema';

/**
 * The outbox is shared: each feature (credits, casework) owns rows of its own
 * kinds and reads only those.
 */
const ofKinds = (kinds: readonly string[]) => (row: OutboxRow) => kinds.includes(row.kind);

/** Due rows of these kinds, oldest due first. */
export async function dueRows(db: FrontlineDb, now: number, kinds: readonly string[]): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('nextAttemptAt').belowOrEqual(now).sortBy('nextAttemptAt');
  return rows.filter(ofKinds(kinds));
}

/** When the next row of these kinds falls due (epoch ms), or null when none waits. */
export async function nextDue(db: FrontlineDb, kinds: readonly string[]): Promise<number | null> {
  const row = await db.outbox.orderBy('nextAttemptAt').filter(ofKinds(kinds)).first();
  return row?.nextAttemptAt ?? null;
}

/** The rows of these kinds for one case. */
export async function caseRows(
  db: FrontlineDb,
  caseKey: string,
  kinds: readonly string[],
): Promise<OutboxRow[]> {
  return (await db.outbox.where('caseKey').equals(caseKey).toArray()).filter(ofKinds(kinds));
}

/** A transient failure: the row stays, with the reason, until its backoff passes. */
export async function postpone(db: FrontlineDb, id: string, now: number, reason: string): Promise<void> {
  await db.outbox
    .where('id')
    .equals(id)
    .modify((row) => {
      row.attempts += 1;
      row.lastError = reason;
      row.nextAttemptAt = now + retryDelay(row.attempts);
    });
}

export async function outboxRow(db: FrontlineDb, id: string): Promise<OutboxRow | undefined> {
  return db.outbox.get(id);
}

/** Every row, whatever its kind or due time. */
export async function allOutboxRows(db: FrontlineDb): Promise<OutboxRow[]> {
  return db.outbox.toArray();
}

/** One case's rows of every kind. */
export async function allCaseRows(db: FrontlineDb, caseKey: string): Promise<OutboxRow[]> {
  return db.outbox.where('caseKey').equals(caseKey).toArray();
}

/** A new row; fails (and aborts the transaction) when its id is already queued. */
export async function addOutboxRow(db: FrontlineDb, row: OutboxRow): Promise<void> {
  await db.outbox.add(row);
}

export async function putOutboxRow(db: FrontlineDb, row: OutboxRow): Promise<void> {
  await db.outbox.put(row);
}

export async function updateOutboxRow(
  db: FrontlineDb,
  id: string,
  changes: Partial<Omit<OutboxRow, 'id'>>,
): Promise<void> {
  await db.outbox.update(id, changes);
}

export async function deleteOutboxRow(db: FrontlineDb, id: string): Promise<void> {
  await db.outbox.delete(id);
}
