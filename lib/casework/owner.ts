import type { AssignmentChange, Case, Entry } from '../domain/model';
import { platformOf } from '../helpdesks/registry';
import { type FoundMarker, markersIn, ofKind } from './markers-in-entries';

export interface OwnerResult {
  ownerId: string | null;
  /** `marker`: a recorded Frontline ownership note; `derived`: from the helpdesk's own data. */
  source: 'marker' | 'derived' | 'none';
}

export interface OwnerInput {
  case: Case;
  entries: readonly Entry[];
  /** The helpdesk's reassignment trail (Zendesk audits); empty when there is none. */
  trail: readonly AssignmentChange[];
  requesterId: string;
  /** Markers already found in `entries`; found here when omitted. */
  markers?: readonly FoundMarker[];
}

const chronological = (trail: readonly AssignmentChange[]): AssignmentChange[] =>
  [...trail].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

const answeredWhileHolding = (
  entries: readonly Entry[],
  agentId: string,
  from: number,
  until: number,
): boolean =>
  entries.some((e) => {
    const at = Date.parse(e.createdAt);
    return e.public && !e.fromCustomer && e.authorId === agentId && at >= from && at < until;
  });

/**
 * Zendesk: the first agent a person assigned the ticket to. A trigger or automation that
 * assigns a ticket nobody has taken up is routing (triage), not ownership: the agent a rule
 * picked owns the case once they answer the customer while holding it, or when no person
 * ever assigned it (then the rules' last pick before anyone did). Once there is an owner, a
 * later reassignment away from them is an escalation, whoever made it.
 */
const firstAssigned = (trail: readonly AssignmentChange[], entries: readonly Entry[]): string | null => {
  const assignments = chronological(trail).filter((c) => c.field === 'assignee');
  let routed: string | null = null;
  for (const [i, change] of assignments.entries()) {
    if (change.to === null) continue;
    if (!change.byRule) return change.to;
    const until = Date.parse(assignments[i + 1]?.at ?? '9999-12-31T00:00:00Z');
    if (answeredWhileHolding(entries, change.to, Date.parse(change.at), until)) return change.to;
    routed = change.to;
  }
  return routed;
};

/** Freshdesk: the first agent who answered the customer publicly. */
const firstReplier = (entries: readonly Entry[], requesterId: string): string | null =>
  [...entries]
    .filter((e) => e.public && !e.fromCustomer && e.authorId !== null && e.authorId !== requesterId)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0]?.authorId ?? null;

/**
 * Who owns the case. A recorded ownership marker wins (the latest one: a
 * hand-off supersedes a claim); otherwise Zendesk derives it from the audits and
 * Freshdesk from the first public agent reply; failing both, the current
 * assignee is the best guess we have.
 */
export const deriveOwner = (input: OwnerInput): OwnerResult => {
  const markers = input.markers ?? markersIn(input.entries, input.requesterId);
  const claimed = ofKind(markers, 'owner').at(-1);
  if (claimed) return { ownerId: claimed.marker.agent, source: 'marker' };

  const derived =
    platformOf(input.case.ref.helpdesk).ownerRule === 'first-assigned'
      ? firstAssigned(input.trail, input.entries)
      : firstReplier(input.entries, input.requesterId);
  const ownerId = derived ?? input.case.assigneeId;
  return ownerId === null ? { ownerId: null, source: 'none' } : { ownerId, source: 'derived' };
};
