import type { SimTicket, SimUser } from '../data/model';

/**
 * What a Freshdesk history can and cannot hold (issue 16, part "history"):
 * - `ticket_scope` (helpdesk-apis.md §2.3; developers.freshdesk.com/api/#agents): 1 Global
 *   Access sees every ticket; 2 Group Access sees the tickets of their groups and those
 *   assigned to them; 3 Restricted Access only those assigned to them. Lists and search
 *   leave the others out, and reading one answers 403 `access_denied` (§2.7).
 * - `GET /tickets` with `requester_id` and `updated_since`: whether both apply is not
 *   documented (developers.freshdesk.com/api/#list_all_tickets lists both filters and says
 *   nothing of the pair). 'combine' (the default, as before) applies both; 'ignore-requester'
 *   lists every ticket updated since, whoever asked for it, so the extension has to cope either way.
 */
export interface FreshdeskVisibility {
  /** Agent id → ticket scope; agents not in it have Global Access (1). */
  scopes: Map<string, 1 | 2 | 3>;
  requesterWithUpdatedSince: 'combine' | 'ignore-requester';
}

export const freshdeskVisibility = (): FreshdeskVisibility => ({
  scopes: new Map(),
  requesterWithUpdatedSince: 'combine',
});

export const ticketScope = (rules: FreshdeskVisibility, agent: SimUser): 1 | 2 | 3 =>
  rules.scopes.get(agent.id) ?? 1;

export function canSee(rules: FreshdeskVisibility, agent: SimUser | null, ticket: SimTicket): boolean {
  if (agent === null) return false;
  const scope = ticketScope(rules, agent);
  if (scope === 1 || ticket.assigneeId === agent.id) return true;
  return scope === 2 && ticket.groupId !== null && agent.groupIds.includes(ticket.groupId);
}

/** Whether a list asked by requester and `updated_since` still filters by requester. */
export const requesterApplies = (rules: FreshdeskVisibility, updatedSince: string | null): boolean =>
  updatedSince === null || rules.requesterWithUpdatedSince === 'combine';

/** Built-in Resolved's customer label: a custom status in the 'solved' category is shown to customers so. */
export const RESOLVED_FOR_CUSTOMERS = 'This ticket has been Resolved';
