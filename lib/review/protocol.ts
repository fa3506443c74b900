import { z } from 'zod';
import { SuspectNote } from '../domain/suspect-note';
import { NumericId, TicketRef } from '../domain/ticket-ref';
import { PendingRequest } from './approval-queue';
import { PERIOD_CHOICES } from './period-choice';
import { ReviewRow } from './review-row';

/**
 * What the review page may ask; the background validates every message. A decision and a
 * coaching note are answered by a reply (an approval's decision under its request's id).
 */
export const ReviewToBackground = z.discriminatedUnion('type', [
  z.object({ type: z.literal('load'), choice: z.enum(PERIOD_CHOICES) }),
  z.object({ type: z.literal('approve'), requestId: z.uuid(), ticket: TicketRef }),
  z.object({
    type: z.literal('decline'),
    requestId: z.uuid(),
    ticket: TicketRef,
    reason: z.string().trim().min(1).max(500),
  }),
  z.object({ type: z.literal('conversation'), ticket: TicketRef }),
  z.object({
    type: z.literal('coach'),
    grantId: z.uuid(),
    ticket: TicketRef,
    text: z.string().trim().min(1).max(2000),
  }),
]);
export type ReviewToBackground = z.infer<typeof ReviewToBackground>;

export const QueueItem = PendingRequest.extend({ agentName: z.string(), customerName: z.string() });
export type QueueItem = z.infer<typeof QueueItem>;

/** A note whose marker does not count, as the review lists it: where to open it and why. */
export const SuspectItem = SuspectNote.extend({ url: z.string(), namedName: z.string().nullable() });
export type SuspectItem = z.infer<typeof SuspectItem>;

export const SolvedCountMsg = z.object({
  agentKey: z.string(),
  solved: z.number().int().nonnegative(),
  withGrant: z.number().int().nonnegative(),
});

export const ConversationLine = z.object({
  author: z.string(),
  public: z.boolean(),
  fromCustomer: z.boolean(),
  text: z.string(),
  at: z.string(),
});
export type ConversationLine = z.infer<typeof ConversationLine>;

export const BackgroundToReview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), loaded: z.number().int(), of: z.number().int() }),
  z.object({
    type: z.literal('loaded'),
    start: z.number(),
    end: z.number(),
    timeZone: z.string(),
    /** The rows stored so far, shown while the helpdesk is read: no queue or counts yet. */
    partial: z.boolean(),
    rows: z.array(ReviewRow),
    counts: z.array(SolvedCountMsg),
    queue: z.array(QueueItem),
    /** Forged or mismatched markers in the period's notes: ignored everywhere, shown here. */
    suspects: z.array(SuspectItem),
    /** Accounts that could not be read, with why. */
    errors: z.array(z.string()),
    /** Tagged tickets found, of them read again (changed since the last read), and matches search could not list. */
    tickets: z.number().int(),
    read: z.number().int(),
    missed: z.number().int(),
    ms: z.number(),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({
    type: z.literal('conversation'),
    ticketId: NumericId,
    lines: z.array(ConversationLine),
    error: z.string().nullable(),
  }),
]);
export type BackgroundToReview = z.infer<typeof BackgroundToReview>;
