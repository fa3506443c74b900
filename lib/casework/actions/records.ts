import { caseOpRecords, deleteOpRecords } from '../../db/op-record-queries';
import type { FrontlineDb } from '../../db/schema';
import type { PendingOp } from '../../domain/casework';
import { ticketRows } from './outbox';
import { OpPayload } from './payload';

/** A settled operation is kept this long: long enough to answer a late duplicate, short enough to stay small. */
export const KEEP_SETTLED_MS = 7 * 24 * 3_600_000;

/** Drops this ticket's records settled longer ago than KEEP_SETTLED_MS. */
export async function pruneRecords(db: FrontlineDb, caseKey: string, now: number): Promise<void> {
  const old = (await caseOpRecords(db, caseKey)).filter((r) => now - r.settledAt > KEEP_SETTLED_MS);
  await deleteOpRecords(
    db,
    old.map((r) => r.opId),
  );
}

/**
 * The ticket's writes in flight (from the outbox) and its failures that no
 * later success of the same kind has made moot, newest first.
 */
export async function pendingOps(db: FrontlineDb, caseKey: string): Promise<PendingOp[]> {
  const [rows, records] = await Promise.all([ticketRows(db, caseKey), caseOpRecords(db, caseKey)]);
  const inFlight: PendingOp[] = rows.flatMap((row) => {
    const payload = OpPayload.safeParse(row.payload);
    if (!payload.success) return [];
    return [
      {
        opId: row.id,
        kind: payload.data.command.kind,
        state: row.attempts > 0 ? 'retrying' : 'sending',
        error: row.lastError,
        at: row.createdAt,
      },
    ];
  });
  const failed: PendingOp[] = records
    .filter(
      (r) =>
        r.state === 'failed' &&
        !records.some((later) => later.kind === r.kind && later.state === 'done' && later.at > r.at) &&
        !inFlight.some((later) => later.kind === r.kind && later.at > r.at),
    )
    .map((r) => ({ opId: r.opId, kind: r.kind, state: 'failed', error: r.error, at: r.at }));
  return [...inFlight, ...failed].sort((a, b) => b.at - a.at);
}
