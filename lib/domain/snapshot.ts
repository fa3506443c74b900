import { z } from 'zod';
import { CaseworkView } from './casework';
import { type CreditOff, DETAILED_OFF, PLAIN_OFF, TICKET_OFF } from './credit-off';
import { EscalationView } from './escalation-view';
import { PinView } from './followthrough';
import { HistoryCompleteness } from './history-completeness';
import { Agent, Case, Customer, Entry } from './model';
import type { Period } from './policy';
import { TicketRef } from './ticket-ref';

/** Why a section could not be refreshed, in words a rep understands. */
export const SectionError = z.object({
  /** In English: the background's log and any page without the catalogue. */
  message: z.string(),
  /** The helpdesk's status, when there was one (shown as "(403)"). */
  status: z.number().int().nullable(),
  retryable: z.boolean(),
  /** What failed, for the sidebar to say in the rep's language; absent, `message` is shown. */
  reason: z
    .object({
      kind: z.enum([
        'no-answer',
        'network',
        'signed-out',
        'forbidden',
        'not-found',
        'conflict',
        'invalid',
        'rate-limited',
        'server',
        'malformed',
      ]),
      subject: z.enum(['ticket', 'requester', 'history', 'conversation', 'audits', 'agents', 'groups']),
      /** The helpdesk's name ("Zendesk"), which no language translates. */
      name: z.string(),
      /** The field a malformed answer lacked, or the helpdesk's own words for another failure. */
      detail: z.string().optional(),
    })
    .optional(),
});
export type SectionError = z.infer<typeof SectionError>;

/**
 * One part of the sidebar. `data` is what we have (possibly from the cache) and
 * `refreshing` says a fetch is under way; an error never wipes cached data.
 */
const section = <T extends z.ZodTypeAny>(data: T) =>
  z.object({
    data: data.nullable(),
    refreshing: z.boolean(),
    error: SectionError.nullable(),
    /** Epoch ms of the last successful refresh; null when never fetched. */
    updatedAt: z.number().nullable(),
  });

export const OwnerView = z.object({
  owner: Agent.nullable(),
  /** `marker`: a recorded Frontline ownership note; `derived`: audits or first reply. */
  source: z.enum(['marker', 'derived', 'none']),
  assignee: Agent.nullable(),
  groupName: z.string().nullable(),
});
export type OwnerView = z.infer<typeof OwnerView>;

export { EscalationView } from './escalation-view';

export const CreditLine = z.object({
  grantId: z.string(),
  ticketId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  agentName: z.string(),
  at: z.string(),
});
export type CreditLine = z.infer<typeof CreditLine>;

export const CustomerView = z.object({
  customer: Customer,
  totalTickets: z.number().int(),
  openTickets: z.number().int(),
  /** Credits this customer received in the last 90 days. */
  credits: z.array(CreditLine),
});
export type CustomerView = z.infer<typeof CustomerView>;

/** One history row as the background sends it; which row is the ticket in view is the sidebar's to know. */
export const HistoryRowData = z.object({
  case: Case,
  assigneeName: z.string().nullable(),
  /** Sum of recorded credits on this ticket, minor units. */
  creditTotal: z.number().int(),
  escalated: z.boolean(),
});
export type HistoryRowData = z.infer<typeof HistoryRowData>;

export const HistoryItem = HistoryRowData.extend({ current: z.boolean() });
export type HistoryItem = z.infer<typeof HistoryItem>;

/**
 * The history's summary, not its rows: a snapshot costs the same for 10 tickets
 * or 100,000. The rows come as deltas (`HistoryDelta`) the sidebar asks for when
 * `version` passes what it holds; `feed` names the background's copy (a restarted
 * worker starts a new one, and the sidebar then asks for everything again).
 */
export const HistoryView = z.object({
  loaded: z.number().int(),
  total: z.number().int().nullable(),
  complete: z.boolean(),
  /** What the history can hold; absent until a complete fetch said (then: everything). */
  completeness: HistoryCompleteness.optional(),
  feed: z.string(),
  version: z.number().int(),
});
export type HistoryView = z.infer<typeof HistoryView>;

/** The rows that changed in `feed` after version `from` (0: every row), bringing the sidebar to `to`. */
export const HistoryDelta = z.object({
  ticket: TicketRef,
  feed: z.string(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  rows: z.array(HistoryRowData),
});
export type HistoryDelta = z.infer<typeof HistoryDelta>;

/** What this rep may still grant (derived from the ledger; never stored). */
export const AuthorityView = z.object({
  currency: z.string(),
  tierName: z.string(),
  perGrantMax: z.number().int(),
  periodBudget: z.number().int(),
  usedThisPeriod: z.number().int(),
  remainingThisPeriod: z.number().int(),
  customerLimit: z.number().int(),
  customerRemaining: z.number().int(),
  /** The most one grant may be right now: the least of the three limits. */
  maxGrantNow: z.number().int(),
  /** ISO time the period budget resets. */
  resetsAt: z.string(),
});
export type AuthorityView = z.infer<typeof AuthorityView>;

export const GrantView = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  state: z.enum(['pending', 'committing', 'recorded', 'undone', 'failed']),
  error: z.string().nullable(),
  /** Epoch ms until which the rep can still undo (pending only). */
  undoUntil: z.number().nullable(),
  at: z.string(),
  /**
   * Recorded, and its team index (tags, ledger line) is still being written: a page that
   * reloads now would load the ticket without them (components/credit/model/page-stale.ts).
   */
  indexing: z.boolean().optional(),
  /** Gateway mode: says the credit gateway moved the money, with the executor's reference. */
  credited: z.string().optional(),
});
export type GrantView = z.infer<typeof GrantView>;

export const ApprovalView = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  state: z.enum(['sending', 'pending', 'approved', 'declined', 'failed']),
  /** The approver's reason for a decline, or the error of a failed request. */
  note: z.string().nullable(),
});
export type ApprovalView = z.infer<typeof ApprovalView>;

/** Why credits are off (lib/domain/credit-off.ts), as the sidebar and the review page receive it. */
export const CreditOffView = z.union([
  z.object({ why: z.enum(PLAIN_OFF) }),
  z.object({ why: z.enum(DETAILED_OFF), detail: z.string() }),
  z.object({ why: z.enum(TICKET_OFF), helpdesk: z.string() }),
  z.object({
    why: z.literal('currency-changed'),
    granted: z.string(),
    currency: z.string(),
    // Not ./policy's schema: importing it would bring the whole policy schema into the sidebar's bundle.
    period: z.enum(['day', 'week', 'month']) satisfies z.ZodType<Period>,
  }),
]) satisfies z.ZodType<CreditOff>;

export const CreditView = z.object({
  /** Null when grants are disabled; `disabledReason` then says why (fail closed). */
  policy: z
    .object({
      source: z.enum(['managed', 'self-managed']),
      /** The organization's credit gateway enforces the limits; without one they are advisory. */
      enforced: z.boolean().optional(),
      presets: z.array(z.number().int()),
      reasons: z.array(z.string()),
      undoSeconds: z.number().int(),
    })
    .nullable(),
  disabledReason: z.string().nullable(),
  /** Why, for the sidebar to word in the rep's language; absent, `disabledReason` is shown. */
  disabledWhy: CreditOffView.nullable().optional(),
  authority: AuthorityView.nullable(),
  /** This ticket's grants, newest first, with their workflow state. */
  grants: z.array(GrantView),
  approvals: z.array(ApprovalView),
  /** Writes on this account need an API key the rep has not given yet (Freshdesk). */
  needsCredentials: z.boolean(),
});
export type CreditView = z.infer<typeof CreditView>;

export const SidebarSnapshot = z.object({
  ticket: TicketRef,
  me: Agent.nullable(),
  /** The helpdesk session ended: show "sign in to Zendesk/Freshdesk". */
  signedOut: z.boolean(),
  /** The helpdesk could not be reached: show the offline banner over cached data. */
  offline: z.boolean(),
  case: section(Case),
  customer: section(CustomerView),
  owner: section(OwnerView),
  escalation: section(EscalationView),
  history: section(HistoryView),
  credit: section(CreditView),
  /** Ownership and escalation actions; null until the ticket and its conversation are cached. */
  casework: CaseworkView.nullable(),
  /** This ticket's pin, for the toggle. */
  pin: PinView.nullable(),
});
export type SidebarSnapshot = z.infer<typeof SidebarSnapshot>;

export const EntriesView = z.object({
  ticket: TicketRef,
  entries: z.array(Entry),
  /** author id → display name */
  authors: z.record(z.string(), z.string()),
});
export type EntriesView = z.infer<typeof EntriesView>;

export type EntriesState = EntriesView | { loading: true } | { error: SectionError };
