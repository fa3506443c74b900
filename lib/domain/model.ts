import { z } from 'zod';
import { HelpdeskKind, NumericId, TicketRef } from './ticket-ref';

/** Normalized status; `rawStatus` keeps the helpdesk's own value (Freshdesk custom statuses ≥ 6). */
export const CaseStatus = z.enum(['new', 'open', 'pending', 'on-hold', 'solved', 'closed', 'custom']);
export type CaseStatus = z.infer<typeof CaseStatus>;

const IsoTime = z.string().datetime({ offset: true });

export const Case = z.object({
  ref: TicketRef,
  subject: z.string(),
  status: CaseStatus,
  rawStatus: z.string(),
  priority: z.string().nullable(),
  channel: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  requesterId: NumericId,
  assigneeId: NumericId.nullable(),
  groupId: NumericId.nullable(),
  tags: z.array(z.string()),
  /** Zendesk: closed 120+ days; Freshdesk: served only by /tickets/archived/:id. */
  archived: z.boolean(),
  /**
   * The "Frontline ledger" field's text (./grant-index.ts). Undefined: the account has no
   * such field, or the adapter did not look; null: the field exists and is empty.
   */
  ledger: z.string().nullable().optional(),
});
export type Case = z.infer<typeof Case>;

export const Customer = z.object({
  helpdesk: HelpdeskKind,
  account: z.string(),
  id: NumericId,
  name: z.string(),
  email: z.string().nullable(),
  organization: z.string().nullable(),
});
export type Customer = z.infer<typeof Customer>;

export const Agent = z.object({
  helpdesk: HelpdeskKind,
  account: z.string(),
  id: NumericId,
  name: z.string(),
  email: z.string().nullable(),
});
export type Agent = z.infer<typeof Agent>;

export const Group = z.object({
  helpdesk: HelpdeskKind,
  account: z.string(),
  id: NumericId,
  name: z.string(),
});
export type Group = z.infer<typeof Group>;

/** A public reply or a private note. `text` is plain text: never render it as HTML. */
export const Entry = z.object({
  ticket: TicketRef,
  id: NumericId,
  authorId: NumericId.nullable(),
  public: z.boolean(),
  /** True when the customer wrote it (Freshdesk `incoming`; Zendesk author = requester). */
  fromCustomer: z.boolean(),
  text: z.string(),
  createdAt: IsoTime,
  /**
   * The helpdesk says the author is an agent of the account (Zendesk: the side-loaded
   * user's role; Freshdesk: an agent read by id). Absent (rows cached before this was
   * known): not verified, so the entry's marker does not count.
   */
  authorIsAgent: z.boolean().optional(),
  /**
   * The helpdesk's own trail names the same author: on Zendesk the audit that created the
   * comment (a comment's `author_id` can be set by the API caller, the audit's cannot).
   * Freshdesk keeps no such trail and sets it true. Absent: not verified.
   */
  authorConfirmed: z.boolean().optional(),
});
export type Entry = z.infer<typeof Entry>;

/**
 * One reassignment: from the helpdesk's own trail (Zendesk audits `Change` events), or, where
 * the helpdesk keeps none (Freshdesk), a change Frontline saw between two reads of the ticket.
 */
export const AssignmentChange = z.object({
  ticket: TicketRef,
  at: IsoTime,
  authorId: NumericId.nullable(),
  field: z.enum(['assignee', 'group']),
  from: NumericId.nullable(),
  to: NumericId.nullable(),
  /** A trigger or automation made it (Zendesk `via.channel: "rule"`); absent: a person, or not known. */
  byRule: z.boolean().optional(),
  /**
   * Frontline saw it rather than read it from a trail: `at` is the ticket's `updated_at` when
   * it was first seen, so the change happened then or earlier; `from` is null on first sight.
   */
  seen: z.boolean().optional(),
});
export type AssignmentChange = z.infer<typeof AssignmentChange>;
