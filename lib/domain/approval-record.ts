import { z } from 'zod';
import { Money } from './money';
import { NumericId, TicketRef } from './ticket-ref';

/**
 * A rep's approval request as this browser knows it, one row per request:
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
