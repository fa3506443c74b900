import { z } from 'zod';
import { SuspectNote } from '../suspect-note';
import { NumericId, TicketRef } from '../ticket-ref';
import { PendingRequest } from './approval-queue';
import { AccountFailure } from './failure';
import { ReviewRow } from './review-row';

/** A pending request as the queue shows it, named. */
export const QueueItem = PendingRequest.extend({ agentName: z.string(), customerName: z.string() });
export type QueueItem = z.infer<typeof QueueItem>;

/** A note whose marker does not count, as the review lists it: where to open it and why. */
export const SuspectItem = SuspectNote.extend({ url: z.string(), namedName: z.string().nullable() });
export type SuspectItem = z.infer<typeof SuspectItem>;

/**
 * How a ticket's team index ("Frontline ledger" field) and its notes disagree, found where
 * the notes were read: `damaged` (the field's text did not parse), `not-in-index` (a grant
 * in a trusted note has no line: counted from the note), `no-note` (a line no trusted note
 * backs: still counted, flagged here).
 */
export const DISAGREEMENTS = ['damaged', 'not-in-index', 'no-note'] as const;
export const IndexDisagreement = z.object({
  ticket: TicketRef,
  whys: z.array(z.enum(DISAGREEMENTS)).min(1),
  /** The grants concerned (not-in-index and no-note), and their agents. */
  grantIds: z.array(z.uuid()),
  agentIds: z.array(NumericId),
  /** The ticket's last update when it was read: the page lists the period's. */
  at: z.iso.datetime({ offset: true }),
});
export type IndexDisagreement = z.infer<typeof IndexDisagreement>;

/** A disagreement as the page lists it: where to open the ticket. */
export const DisagreementItem = IndexDisagreement.extend({ url: z.string() });
export type DisagreementItem = z.infer<typeof DisagreementItem>;

/**
 * A grant the credit gateway refused (forged, over a limit, written by someone else), as the
 * review names it: the gateway's code and message, and where to open the ticket.
 */
export const RefusalItem = z.object({
  grantId: z.uuid(),
  ticket: TicketRef,
  url: z.string(),
  agentId: NumericId.nullable(),
  agentName: z.string().nullable(),
  amount: z.number().int().nullable(),
  currency: z.string(),
  code: z.string(),
  message: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type RefusalItem = z.infer<typeof RefusalItem>;

export const SolvedCountMsg = z.object({
  agentKey: z.string(),
  solved: z.number().int().nonnegative(),
  withGrant: z.number().int().nonnegative(),
});

export const ConversationLine = z.object({
  author: z.string(),
  public: z.boolean(),
  fromCustomer: z.boolean(),
  text: z.string(),
  at: z.string(),
});
export type ConversationLine = z.infer<typeof ConversationLine>;

/** A period as the page shows it: the worker's `loaded` message (lib/review/protocol). */
export const LoadedReview = z.object({
  type: z.literal('loaded'),
  start: z.number(),
  end: z.number(),
  timeZone: z.string(),
  /** The rows stored so far, shown while the helpdesk is read: no queue or counts yet. */
  partial: z.boolean(),
  rows: z.array(ReviewRow),
  counts: z.array(SolvedCountMsg),
  queue: z.array(QueueItem),
  /** Forged or mismatched markers in the period's notes: ignored everywhere, shown here. */
  suspects: z.array(SuspectItem),
  /** Tickets whose team index and notes disagree (see IndexDisagreement). */
  disagreements: z.array(DisagreementItem),
  /** Grants the credit gateway refused; absent without a gateway. */
  refusals: z.array(RefusalItem).optional(),
  /** Accounts that could not be read, with why, in English: what a page shows without `failures`. */
  errors: z.array(z.string()),
  /** The same accounts with the reason the page words in the manager's language. */
  failures: z.array(AccountFailure).optional(),
  /** Tagged tickets found, of them read again (changed since the last read), and matches search could not list. */
  tickets: z.number().int(),
  read: z.number().int(),
  missed: z.number().int(),
  ms: z.number(),
});
export type LoadedReview = z.infer<typeof LoadedReview>;

/** The span of a loaded period: epoch ms, start inclusive, end exclusive. */
export type ReviewSpan = Pick<LoadedReview, 'start' | 'end'>;
