import { z } from 'zod';
import { ReviewReason } from '../domain/review/failure';
import { ConversationLine, LoadedReview } from '../domain/review/page-data';
import { PERIOD_CHOICES } from '../domain/review/period-choice';
import { NumericId, TicketRef } from '../domain/ticket-ref';

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

export const BackgroundToReview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), loaded: z.number().int(), of: z.number().int() }),
  LoadedReview,
  z.object({
    type: z.literal('failed'),
    message: z.string(),
    // A reason this page cannot read leaves the English message, rather than dropping the failure.
    reason: ReviewReason.optional().catch(undefined),
  }),
  z.object({
    type: z.literal('conversation'),
    ticketId: NumericId,
    lines: z.array(ConversationLine),
    error: z.string().nullable(),
  }),
]);
export type BackgroundToReview = z.infer<typeof BackgroundToReview>;
