import { z } from 'zod';
import { CASEWORK_COMMAND_KINDS } from './casework';

/** How a casework operation ended; kept so a duplicate of a finished click stays a no-op and a failure stays visible. */
export const OpRecord = z.object({
  opId: z.uuid(),
  kind: z.enum(CASEWORK_COMMAND_KINDS),
  state: z.enum(['done', 'failed']),
  error: z.string().nullable(),
  /** Epoch ms of the click, and of the end. */
  at: z.number(),
  settledAt: z.number(),
});
export type OpRecord = z.infer<typeof OpRecord>;
