import { z } from 'zod';

/** Integer minor units (cents) plus an ISO 4217 code. No floats, anywhere. */
export const Money = z.object({
  amount: z.number().int().safe(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type Money = z.infer<typeof Money>;
