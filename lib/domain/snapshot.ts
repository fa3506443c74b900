import { z } from 'zod';
import { Agent, Case, Customer, Entry } from './model';
import { TicketRef } from './ticket-ref';

/** Why a section could not be refreshed, in words a rep understands. */
export const SectionError = z.object({
  message: z.string(),
  /** The helpdesk's status, when there was one (shown as "(403)"). */
  status: z.number().int().nullable(),
  retryable: z.boolean(),
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

export const EscalationView = z.object({
  state: z.enum(['none', 'escalated', 'updated', 'reported-back', 'returned', 'overdue']),
  holder: z.string().nullable(),
  since: z.string().nullable(),
  dueAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
});
export type EscalationView = z.infer<typeof EscalationView>;

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

export const HistoryItem = z.object({
  case: Case,
  assigneeName: z.string().nullable(),
  /** Sum of recorded credits on this ticket, minor units. */
  creditTotal: z.number().int(),
  escalated: z.boolean(),
  current: z.boolean(),
});
export type HistoryItem = z.infer<typeof HistoryItem>;

export const HistoryView = z.object({
  items: z.array(HistoryItem),
  loaded: z.number().int(),
  total: z.number().int().nullable(),
  complete: z.boolean(),
});
export type HistoryView = z.infer<typeof HistoryView>;

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
});
export type SidebarSnapshot = z.infer<typeof SidebarSnapshot>;

export const EntriesView = z.object({
  ticket: TicketRef,
  entries: z.array(Entry),
  /** author id → display name */
  authors: z.record(z.string(), z.string()),
});
export type EntriesView = z.infer<typeof EntriesView>;
