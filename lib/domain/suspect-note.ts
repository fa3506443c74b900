import { z } from 'zod';
import type { CreditGrant } from './credit-grant';
import type { JudgedEntry, SuspectReason } from './marker-trust';
import { NumericId, TicketRef } from './ticket-ref';

export const SUSPECT_REASONS = [
  'author-not-agent',
  'author-unverified',
  'author-not-named',
  'customer-not-requester',
  'not-approver',
  'self-approval',
  'amount-conflict',
] as const satisfies readonly SuspectReason[];

/** A note whose marker does not count, kept for the manager's review with the reason. */
export const SuspectNote = z.object({
  ticket: TicketRef,
  /** The note; null for a grant id written twice with different amounts (the smaller one). */
  entryId: NumericId.nullable(),
  at: z.iso.datetime({ offset: true }),
  kind: z.string(),
  /** Who the helpdesk says wrote it, and the agent the marker names. */
  authorId: NumericId.nullable(),
  namedAgent: NumericId.nullable(),
  amount: z.number().int().nullable(),
  currency: z.string().nullable(),
  why: z.enum(SUSPECT_REASONS),
});
export type SuspectNote = z.infer<typeof SuspectNote>;

const namedAgentOf = (judged: JudgedEntry['judged']): string | null => {
  const m = judged.marker;
  if (
    m.kind === 'credit' ||
    m.kind === 'approval-request' ||
    m.kind === 'owner' ||
    m.kind === 'credit-refused'
  )
    return m.agent;
  if (
    m.kind === 'escalation' ||
    m.kind === 'report-back' ||
    m.kind === 'approval-decision' ||
    m.kind === 'coaching'
  )
    return m.by;
  return null;
};

/** The judged markers that do not count, as suspect notes. */
export const suspectsOf = (judged: readonly JudgedEntry[]): SuspectNote[] =>
  judged.flatMap(({ entry, judged: j }) =>
    j.counts
      ? []
      : [
          {
            ticket: entry.ticket,
            entryId: entry.id,
            at: entry.createdAt,
            kind: j.marker.kind,
            authorId: entry.authorId,
            namedAgent: namedAgentOf(j),
            amount: 'amount' in j.marker ? j.marker.amount : null,
            currency: 'currency' in j.marker ? j.marker.currency : null,
            why: j.why,
          },
        ],
  );

/** A grant note that reuses a grant id with a smaller amount than another: it does not count. */
export const conflictSuspect = (smaller: CreditGrant): SuspectNote => ({
  ticket: smaller.ticket,
  entryId: null,
  at: smaller.at,
  kind: 'credit',
  authorId: null,
  namedAgent: smaller.agentId,
  amount: smaller.amount.amount,
  currency: smaller.amount.currency,
  why: 'amount-conflict',
});
