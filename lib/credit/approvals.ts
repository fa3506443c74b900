import { z } from 'zod';
import type { FrontlineDb } from '../db/schema';
import { Money } from '../domain/money';
import { NumericId, refKey, TicketRef } from '../domain/ticket-ref';

/**
 * A rep's approval request as this browser knows it. Kept in the `meta` table
 * (the schema has no approvals table, and one row per request is all we need):
 * queued → writing (the note may be on its way) → sent, or failed with the error.
 * What approvers decide lives in the helpdesk, as `approval-decision` notes.
 */
export const ApprovalRecord = z.object({
  id: z.uuid(),
  ticket: TicketRef,
  agentId: NumericId,
  agentName: z.string(),
  customerId: NumericId,
  amount: Money,
  reason: z.string().min(1).max(500),
  at: z.iso.datetime({ offset: true }),
  state: z.enum(['queued', 'writing', 'sent', 'failed']),
  error: z.string().optional(),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecord>;

const PREFIX = 'credit-approval:';

/** Keyed by case first, so one ticket's requests are a prefix range of the primary key. */
export const approvalKeyOf = (caseKey: string, id: string): string => `${PREFIX}${caseKey}:${id}`;
export const approvalKey = (ticket: TicketRef, id: string): string => approvalKeyOf(refKey(ticket), id);

export async function getApproval(db: FrontlineDb, key: string): Promise<ApprovalRecord | null> {
  const row = await db.meta.get(key);
  const parsed = ApprovalRecord.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function putApproval(db: FrontlineDb, record: ApprovalRecord): Promise<void> {
  await db.meta.put({ key: approvalKey(record.ticket, record.id), value: record });
}

export async function ticketApprovals(db: FrontlineDb, ticket: TicketRef): Promise<ApprovalRecord[]> {
  const rows = await db.meta
    .where('key')
    .startsWith(`${PREFIX}${refKey(ticket)}:`)
    .toArray();
  return rows.flatMap((row) => {
    const parsed = ApprovalRecord.safeParse(row.value);
    return parsed.success ? [parsed.data] : [];
  });
}
