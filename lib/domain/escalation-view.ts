import { z } from 'zod';

/** Where an escalation stands, as the sidebar and the follow-through list show it. */
export const EscalationView = z.object({
  state: z.enum(['none', 'escalated', 'updated', 'reported-back', 'returned', 'overdue']),
  holder: z.string().nullable(),
  since: z.string().nullable(),
  dueAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  /** Read from the assignment alone (the helpdesk keeps no trail): `since` is an upper bound. */
  inferred: z.boolean().optional(),
});
export type EscalationView = z.infer<typeof EscalationView>;
