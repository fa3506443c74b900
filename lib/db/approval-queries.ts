import { ApprovalRecord } from '../domain/approval-record';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { FrontlineDb } from './schema';

/** Rows written by another version, or damaged, read as absent. */
const parsed = (value: unknown): ApprovalRecord | null => {
  const result = ApprovalRecord.safeParse(value);
  return result.success ? result.data : null;
};

/** The request `id` on this case, or null. */
export async function getApproval(
  db: FrontlineDb,
  caseKey: string,
  id: string,
): Promise<ApprovalRecord | null> {
  const row = await db.approvals.get(id);
  return row?.caseKey === caseKey ? parsed(row.record) : null;
}

export async function putApproval(db: FrontlineDb, record: ApprovalRecord): Promise<void> {
  await db.approvals.put({ id: record.id, caseKey: refKey(record.ticket), record });
}

export async function ticketApprovals(db: FrontlineDb, ticket: TicketRef): Promise<ApprovalRecord[]> {
  const rows = await db.approvals.where('caseKey').equals(refKey(ticket)).toArray();
  return rows.flatMap((row) => {
    const record = parsed(row.record);
    return record === null ? [] : [record];
  });
}
