import type { Period } from './policy';

/**
 * Why credits are off, as the background decided it. The sidebar words it in the rep's language;
 * the view's `disabledReason` keeps the English, for the log and for a reason a page cannot read.
 * Zod-free: components import it (types only from ./policy).
 */
export type CreditOff =
  | { why: (typeof PLAIN_OFF)[number] }
  | {
      why: (typeof DETAILED_OFF)[number];
      /** What was wrong, in the policy's or the gateway's own terms (not translated). */
      detail: string;
    }
  | {
      why: (typeof TICKET_OFF)[number];
      /** The helpdesk's name, which refuses the note (a name, not translated). */
      helpdesk: string;
    }
  | {
      /** The manager changed the policy's currency mid-period: limits in one cannot check the other. */
      why: 'currency-changed';
      granted: string;
      currency: string;
      period: Period;
    };

export const PLAIN_OFF = [
  'no-policy',
  'managed-vanished',
  'not-signed-in',
  'no-tier',
  'unknown-customer',
] as const;
export const DETAILED_OFF = [
  'managed-invalid',
  'local-invalid',
  'gateway-unreachable',
  'gateway-refused',
] as const;
/** The helpdesk takes no note on this ticket, so no credit can be recorded on it. */
export const TICKET_OFF = ['ticket-archived', 'ticket-closed'] as const;

/** A reason credits are off, with the background's English for it. */
export interface CreditBlock {
  english: string;
  off: CreditOff;
}
