import type { OutboxRow } from '../../db/rows';
import type { FrontlineDb } from '../../db/schema';

/** The outbox kind this module owns; credit rows share the table and are left alone. */
export const CASEWORK_KIND = 'casework';

const FIRST_MS = 2_000;
const CAP_MS = 10 * 60_000;

/** Wait after `failures` failed tries: 2 s, 4 s, 8 s … capped at 10 minutes. */
export const retryDelay = (failures: number): number =>
  Math.min(CAP_MS, FIRST_MS * 2 ** Math.max(0, Math.min(failures - 1, 30)));

export const isCaseworkRow = (row: OutboxRow): boolean => row.kind === CASEWORK_KIND;

/** Due casework rows, oldest due first. */
export async function dueRows(db: FrontlineDb, now: number): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('nextAttemptAt').belowOrEqual(now).sortBy('nextAttemptAt');
  return rows.filter(isCaseworkRow);
}

/** When the next casework row falls due (epoch ms), or null when none waits. */
export async function nextDue(db: FrontlineDb): Promise<number | null> {
  const row = await db.outbox.orderBy('nextAttemptAt').filter(isCaseworkRow).first();
  return row?.nextAttemptAt ?? null;
}

/** The casework rows of one ticket. */
export async function ticketRows(db: FrontlineDb, caseKey: string): Promise<OutboxRow[]> {
  return (await db.outbox.where('caseKey').equals(caseKey).toArray()).filter(isCaseworkRow);
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
