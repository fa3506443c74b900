import { z } from 'zod';
import { dueRows, nextDue } from '../db/outbox-queries';
import type { FrontlineDb } from '../db/schema';

/** The outbox kinds this module owns; other features' rows share the table and are left alone. */
export const GRANT_KIND = 'credit-grant';
/** A recorded grant whose billing webhook has not answered 2xx yet; its id is the grant's. */
export const BILLING_KIND = 'credit-billing';
export const APPROVAL_KIND = 'credit-approval-request';
/** Gateway mode: a recorded grant the credit gateway has not given its verdict on yet (gateway-submit.ts). */
export const GATEWAY_KIND = 'credit-gateway';
/** Gateway mode: a refused grant whose refusal is still to be written on the ticket. */
export const REFUSAL_KIND = 'credit-refusal-note';
/** Gateway mode: an approval request whose note is written, still to be submitted to the gateway. */
export const GATEWAY_APPROVAL_KIND = 'credit-gateway-approval';
export const CREDIT_KINDS: readonly string[] = [
  GRANT_KIND,
  BILLING_KIND,
  APPROVAL_KIND,
  GATEWAY_KIND,
  REFUSAL_KIND,
  GATEWAY_APPROVAL_KIND,
];

/** What a refusal note needs: the gateway's code and words. */
export const RefusalPayload = z.object({ code: z.string(), message: z.string() });
export type RefusalPayload = z.infer<typeof RefusalPayload>;

/**
 * What a grant's commit needs beyond the grant row: the name for the note, and
 * the undo deadline. `awaitingKey`: the helpdesk refused the rep's key (or there
 * is none); the row waits for a new one instead of retrying with the old.
 */
export const GrantPayload = z.object({
  agentName: z.string(),
  undoUntil: z.number(),
  awaitingKey: z.boolean().optional(),
  /** The approval request an approver granted: the credit marker names it. */
  request: z.uuid().optional(),
  /**
   * The helpdesk confirmed the granting agent is the one signed in. Asked during the undo
   * window; a row without it (the worker stopped before the answer) is confirmed at commit.
   */
  confirmed: z.boolean().optional(),
  /**
   * When the helpdesk created the grant's note (its `created_at`): the time the notes date the
   * grant by, so the team index line says the same. Set when the note lands; the index write
   * that follows (or its retry) uses it.
   */
  notedAt: z.iso.datetime({ offset: true }).optional(),
});
export type GrantPayload = z.infer<typeof GrantPayload>;

/** How long a grant waiting for a key sleeps before it looks again; saving a key wakes it at once. */
export const KEY_WAIT_MS = 60 * 60_000;

/** Due credit rows, oldest due first. */
export const dueCreditRows = (db: FrontlineDb, now: number) => dueRows(db, now, CREDIT_KINDS);

/** When the next credit row falls due (epoch ms), or null when none waits. */
export const nextCreditDue = (db: FrontlineDb) => nextDue(db, CREDIT_KINDS);
