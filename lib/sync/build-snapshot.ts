import type { CaseState } from '../casework/case-state';
import { toEscalationView } from '../casework/escalation';
import type { CaseworkView } from '../domain/casework';
import { reserves } from '../domain/credit-grant';
import type { PinView } from '../domain/followthrough';
import type { Agent } from '../domain/model';
import type { CreditLine, CreditView, SidebarSnapshot } from '../domain/snapshot';
import type { TicketRef } from '../domain/ticket-ref';
import type { HistoryFeedSummary } from './history-feed';
import type { SectionStatuses } from './sections';
import type { CachedContext } from './store';

const CREDIT_WINDOW_MS = 90 * 24 * 3600_000;

export interface SnapshotInput {
  ref: TicketRef;
  context: CachedContext;
  sections: SectionStatuses;
  signedOut: boolean;
  offline: boolean;
  now: number;
  /** Owner and escalation of this publish (shared with the casework view); null until the conversation is cached. */
  caseState: CaseState | null;
  /** Credits: policy, authority and this ticket's grants; null until the credit service has answered. */
  credit: CreditView | null;
  casework: CaseworkView | null;
  pin: PinView | null;
  /** The requester's history feed (its rows travel as deltas); null until the ticket is cached. */
  history: HistoryFeedSummary | null;
}

const NO_HISTORY: HistoryFeedSummary = { id: '', version: 0, size: 0, open: 0 };

/**
 * The sidebar's whole view from what the cache holds now, the history as its
 * feed's summary: pure, so the same cache always paints the same sidebar, and
 * tests need no browser.
 */
export function buildSnapshot(input: SnapshotInput): SidebarSnapshot {
  const { ref, context, sections, now } = input;
  const agents = new Map<string, Agent>(context.agents.map((agent) => [agent.id, agent]));
  const groups = new Map(context.groups.map((group) => [group.id, group.name]));
  const agentName = (id: string | null) => (id ? (agents.get(id)?.name ?? null) : null);
  const current = context.case;
  const history = input.history ?? NO_HISTORY;

  const recorded = context.grants.filter(reserves);
  const credits: CreditLine[] = recorded
    .filter((grant) => now - Date.parse(grant.at) <= CREDIT_WINDOW_MS)
    .map((grant) => ({
      grantId: grant.id,
      ticketId: grant.ticket.id,
      amount: grant.amount.amount,
      currency: grant.amount.currency,
      agentName: agentName(grant.agentId) ?? grant.agentId,
      at: grant.at,
    }));

  const owner = input.caseState?.owner ?? null;
  const escalation = input.caseState?.escalation ?? null;

  const section = <T>(name: keyof SectionStatuses, data: T | null) => ({ data, ...sections[name] });

  return {
    ticket: ref,
    me: context.me,
    signedOut: input.signedOut,
    offline: input.offline,
    case: section('case', current),
    customer: section(
      'customer',
      context.requester
        ? {
            customer: context.requester,
            totalTickets: history.size,
            openTickets: history.open,
            credits,
          }
        : null,
    ),
    owner: section(
      'owner',
      owner && current
        ? {
            owner: owner.ownerId ? (agents.get(owner.ownerId) ?? placeholderAgent(ref, owner.ownerId)) : null,
            source: owner.source,
            assignee: current.assigneeId
              ? (agents.get(current.assigneeId) ?? placeholderAgent(ref, current.assigneeId))
              : null,
            groupName: current.groupId ? (groups.get(current.groupId) ?? null) : null,
          }
        : null,
    ),
    escalation: section(
      'escalation',
      escalation
        ? toEscalationView(escalation, {
            agent: (id) => agentName(id),
            group: (id) => groups.get(id) ?? null,
          })
        : null,
    ),
    history: section('history', {
      loaded: history.size,
      // Freshdesk never tells a total; once every page is in, the count is the total.
      total:
        context.historyTotal !== null
          ? Math.max(context.historyTotal, history.size)
          : context.historyComplete
            ? history.size
            : null,
      complete: context.historyComplete,
      ...(context.historyCompleteness ? { completeness: context.historyCompleteness } : {}),
      feed: history.id,
      version: history.version,
    }),
    credit: section('credit', input.credit),
    casework: input.casework,
    pin: input.pin,
  };
}

/** An agent whose name we have not fetched yet still shows, by id. */
const placeholderAgent = (ref: TicketRef, id: string): Agent => ({
  helpdesk: ref.helpdesk,
  account: ref.account,
  id,
  name: `Agent ${id}`,
  email: null,
});
