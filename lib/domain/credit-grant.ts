import { z } from 'zod';
import { GatewayOutcome } from './gateway-outcome';
import { Money } from './money';
import { NumericId, TicketRef } from './ticket-ref';

/** pending → committing → recorded; or undone (within the undo window); or failed with the error. */
export const GrantState = z.enum(['pending', 'committing', 'recorded', 'undone', 'failed']);
export type GrantState = z.infer<typeof GrantState>;

/** States whose amount counts against authority: a reservation counts until undone or failed. */
export const RESERVING_STATES: readonly GrantState[] = ['pending', 'committing', 'recorded'];

export const CreditGrant = z
  .object({
    /** Made when the grant starts; the idempotency key everywhere (marker, webhook, outbox). */
    id: z.uuid(),
    ticket: TicketRef,
    customerId: NumericId,
    agentId: NumericId,
    amount: Money.refine((m) => m.amount > 0, 'a credit is a positive amount'),
    reason: z.string().min(1).max(500),
    /** When the grant started (ISO time with offset). */
    at: z.iso.datetime({ offset: true }),
    state: GrantState,
    /** Why it failed (or why the last attempt failed while retrying), in words a rep understands. */
    error: z.string().optional(),
    /** Gateway mode only: the gateway's verdict, once it gave one. */
    gateway: GatewayOutcome.optional(),
  })
  .refine((g) => g.state !== 'failed' || g.error !== undefined, {
    message: 'a failed grant says why',
    path: ['error'],
  });
export type CreditGrant = z.infer<typeof CreditGrant>;

export const reserves = (grant: Pick<CreditGrant, 'state'>): boolean =>
  RESERVING_STATES.includes(grant.state);
