import { z } from 'zod';
import { dueRows, nextDue } from '../db/outbox-queries';
import type { FrontlineDb } from '../db/schema';

/** The outbox kinds this module owns; other features' rows share the table and are left alone. */
export const GRANT_KIND = 'credit-grant';
export const APPROVAL_KIND = 'credit-approval-request';
export const CREDIT_KINDS: readonly string[] = [GRANT_KIND, APPROVAL_KIND];

/** What a grant's commit needs beyond the grant row: the name for the note, and the undo deadline. */
export const GrantPayload = z.object({
  agentName: z.string(),
  undoUntil: z.number(),
  /** The approval request an approver granted: the credit marker names it. */
  request: z.uuid().optional(),
});
export type GrantPayload = z.infer<typeof GrantPayload>;

/** Due credit rows, oldest due first. */
export const dueCreditRows = (db: FrontlineDb, now: number) => dueRows(db, now, CREDIT_KINDS);

/** When the next credit row falls due (epoch ms), or null when none waits. */
export const nextCreditDue = (db: FrontlineDb) => nextDue(db, CREDIT_KINDS);
