import { z } from 'zod';
import { HelpdeskKind, NumericId } from '../ticket-ref';

/** One grant as the review shows it: names resolved, money in integer minor units. */
export const ReviewRow = z.object({
  grantId: z.string(),
  helpdesk: HelpdeskKind,
  account: z.string(),
  ticketId: NumericId,
  agentId: NumericId,
  agentName: z.string(),
  customerId: NumericId,
  customerName: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  /** ISO time the grant was recorded. */
  at: z.string(),
  /** Whether the ticket is solved or closed as this load's search saw it; null before the search answered. */
  solved: z.boolean().nullable(),
});
export type ReviewRow = z.infer<typeof ReviewRow>;

/** Agents are per account: the same numeric id on two accounts is two people. */
export const agentKeyOf = (row: Pick<ReviewRow, 'account' | 'agentId'>): string =>
  `${row.account}:${row.agentId}`;
