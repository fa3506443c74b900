import { z } from 'zod';

/**
 * What a requester's history holds, so the sidebar never counts as if it had everything.
 * `archivedIncluded`: false where the helpdesk cannot list archived tickets (Freshdesk);
 * `scope`: 'visible' when the signed-in agent sees only some tickets (a Freshdesk agent
 * scoped to their groups or their own tickets); `contactUrl`: the helpdesk's own page of
 * the customer, which lists what the history cannot.
 */
export const HistoryCompleteness = z.object({
  archivedIncluded: z.boolean(),
  scope: z.enum(['all', 'visible']),
  // Rendered as a link in an extension page: https only, never `javascript:`.
  contactUrl: z.string().startsWith('https://').optional(),
});
export type HistoryCompleteness = z.infer<typeof HistoryCompleteness>;

/** Every ticket, archived included, as the agent's whole account sees them. */
export const COMPLETE_HISTORY: HistoryCompleteness = { archivedIncluded: true, scope: 'all' };
