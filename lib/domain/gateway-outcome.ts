import { z } from 'zod';

/**
 * What the organization's credit gateway answered for a grant (issue 19): `accepted` (counted,
 * money still to move), `executed` with the executor's reference, or `refused` with its reason.
 * On its own so the sidebar's snapshot schema carries it without the grant's schema.
 */
export const GatewayOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted') }),
  z.object({ status: z.literal('executed'), executor: z.string(), reference: z.string() }),
  z.object({ status: z.literal('refused'), code: z.string(), message: z.string() }),
]);
export type GatewayOutcome = z.infer<typeof GatewayOutcome>;
