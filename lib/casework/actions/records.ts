import { z } from 'zod';
import type { FrontlineDb } from '../../db/schema';
import { CASEWORK_COMMAND_KINDS, type PendingOp } from '../../domain/casework';
import { ticketRows } from './outbox';
import { OpPayload } from './payload';

const PREFIX = 'casework-op:';
/** A settled operation is kept this long: long enough to answer a late duplicate, short enough to stay small. */
export const KEEP_SETTLED_MS = 7 * 24 * 3_600_000;

/** How an operation ended; kept so a duplicate of a finished click stays a no-op and a failure stays visible. */
export const OpRecord = z.object({
  opId: z.uuid(),
  kind: z.enum(CASEWORK_COMMAND_KINDS),
  state: z.enum(['done', 'failed']),
  error: z.string().nullable(),
  /** Epoch ms of the click, and of the end. */
  at: z.number(),
  settledAt: z.number(),
});
export type OpRecord = z.infer<typeof OpRecord>;

export const recordKey = (caseKey: string, opId: string): string => `${PREFIX}${caseKey}:${opId}`;
const casePrefix = (caseKey: string): string => `${PREFIX}${caseKey}:`;

export async function getRecord(db: FrontlineDb, caseKey: string, opId: string): Promise<OpRecord | null> {
  const row = await db.meta.get(recordKey(caseKey, opId));
  const parsed = OpRecord.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

async function caseRecords(db: FrontlineDb, caseKey: string): Promise<OpRecord[]> {
  const rows = await db.meta.where('key').startsWith(casePrefix(caseKey)).toArray();
  return rows.flatMap((row) => {
    const parsed = OpRecord.safeParse(row.value);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Drops this ticket's records settled longer ago than KEEP_SETTLED_MS. */
export async function pruneRecords(db: FrontlineDb, caseKey: string, now: number): Promise<void> {
  const old = (await caseRecords(db, caseKey)).filter((r) => now - r.settledAt > KEEP_SETTLED_MS);
  await db.meta.bulkDelete(old.map((r) => recordKey(caseKey, r.opId)));
}

/**
 * The ticket's writes in flight (from the outbox) and its failures that no
 * later success of the same kind has made moot, newest first.
 */
export async function pendingOps(db: FrontlineDb, caseKey: string): Promise<PendingOp[]> {
  const [rows, records] = await Promise.all([ticketRows(db, caseKey), caseRecords(db, caseKey)]);
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
