import { agentNames, cachedCases } from '../db/pin-queries';
import { getEntries, getTrail } from '../db/queries';
import type { PinWatch } from '../domain/followthrough';
import type { TicketRef } from '../domain/ticket-ref';
import { caseworkSummary } from './casework-summary';
import type { FollowThroughDeps } from './deps';

/**
 * A pin's names, status, owner and escalation from what the sidebar has already
 * cached, so a new pin or a seen case shows them without asking the helpdesk.
 */
export async function watchFromCache(
  deps: Pick<FollowThroughDeps, 'db' | 'now' | 'policyDueHours'>,
  ticket: TicketRef,
  watch: PinWatch,
): Promise<PinWatch> {
  const { db } = deps;
  const [cached] = await cachedCases(db, [ticket]);
  const item = cached?.case ?? null;
  if (item === null) return watch;
  const entries = (await getEntries(db, ticket)) ?? [];
  const trail = (await getTrail(db, ticket)) ?? [];
  const summary = caseworkSummary(item, entries, trail, deps.now(), deps.policyDueHours);
  const names = await agentNames(db, ticket.account, summary.ownerId === null ? [] : [summary.ownerId]);
  return {
    ...watch,
    subject: item.subject,
    status: item.status,
    rawStatus: item.rawStatus,
    updatedAt: item.updatedAt,
    customerName: cached?.customer?.name ?? watch.customerName,
    ownerName: summary.ownerId === null ? null : (names.get(summary.ownerId) ?? watch.ownerName),
    escalation: summary.escalation,
  };
}
