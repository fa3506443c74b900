import { z } from 'zod';
import type { OutboxRow } from '../db/rows';
import type { FrontlineDb } from '../db/schema';
import { retryDelay } from './backoff';

/** The outbox kinds this module owns; other features' rows share the table and are left alone. */
export const GRANT_KIND = 'credit-grant';
export const APPROVAL_KIND = 'credit-approval-request';
export const CREDIT_KINDS: readonly string[] = [GRANT_KIND, APPROVAL_KIND];

/** What a grant's commit needs beyond the grant row: the name for the note, and the undo deadline. */
export const GrantPayload = z.object({ agentName: z.string(), undoUntil: z.number() });
export type GrantPayload = z.infer<typeof GrantPayload>;

export const isCreditRow = (row: OutboxRow): boolean => CREDIT_KINDS.includes(row.kind);

/** Due credit rows, oldest due first. */
export async function dueRows(db: FrontlineDb, now: number): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('nextAttemptAt').belowOrEqual(now).sortBy('nextAttemptAt');
  return rows.filter(isCreditRow);
}

/** When the next credit row falls due (epoch ms), or null when none waits. */
export async function nextDue(db: FrontlineDb): Promise<number | null> {
  const rows = await db.outbox.orderBy('nextAttemptAt').filter(isCreditRow).first();
  return rows?.nextAttemptAt ?? null;
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
