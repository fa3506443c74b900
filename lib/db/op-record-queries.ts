import { OpRecord } from '../domain/op-record';
import type { FrontlineDb } from './schema';

/** Rows written by another version, or damaged, read as absent. */
const parsed = (value: unknown): OpRecord | null => {
  const result = OpRecord.safeParse(value);
  return result.success ? result.data : null;
};

/** How the operation `opId` on this case ended, or null. */
export async function getOpRecord(db: FrontlineDb, caseKey: string, opId: string): Promise<OpRecord | null> {
  const row = await db.opRecords.get(opId);
  return row?.caseKey === caseKey ? parsed(row.record) : null;
}

export async function caseOpRecords(db: FrontlineDb, caseKey: string): Promise<OpRecord[]> {
  const rows = await db.opRecords.where('caseKey').equals(caseKey).toArray();
  return rows.flatMap((row) => {
    const record = parsed(row.record);
    return record === null ? [] : [record];
  });
}

export async function putOpRecord(db: FrontlineDb, caseKey: string, record: OpRecord): Promise<void> {
  await db.opRecords.put({ id: record.opId, caseKey, record });
}

export async function deleteOpRecords(db: FrontlineDb, opIds: readonly string[]): Promise<void> {
  await db.opRecords.bulkDelete([...opIds]);
}
