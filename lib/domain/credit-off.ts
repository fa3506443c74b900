/**
 * Why credits are off, as the background decided it. The sidebar words it in the rep's language;
 * the view's `disabledReason` keeps the English, for the log and for a reason a page cannot read.
 * Zod-free: components import it.
 */
export type CreditOff =
  | { why: 'no-policy' | 'managed-vanished' | 'not-signed-in' | 'no-tier' | 'unknown-customer' }
  | {
      why: 'managed-invalid' | 'local-invalid' | 'gateway-unreachable' | 'gateway-refused';
      /** What was wrong, in the policy's or the gateway's own terms (not translated). */
      detail: string;
    };

export const CREDIT_OFF_REASONS = [
  'no-policy',
  'managed-vanished',
  'not-signed-in',
  'no-tier',
  'unknown-customer',
  'managed-invalid',
  'local-invalid',
  'gateway-unreachable',
  'gateway-refused',
] as const satisfies readonly CreditOff['why'][];
