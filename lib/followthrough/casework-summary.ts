import { deriveCaseState } from '../casework/case-state';
import type { FollowItem } from '../domain/followthrough';
import type { AssignmentChange, Case, Entry } from '../domain/model';

export interface CaseworkSummary {
  ownerId: string | null;
  escalation: NonNullable<FollowItem['escalation']>;
}

/** Owner and escalation state of a pinned case, derived the same way the sidebar derives them. */
export function caseworkSummary(
  item: Case,
  entries: readonly Entry[],
  trail: readonly AssignmentChange[],
  now: number,
  policyDueHours?: number,
): CaseworkSummary {
  const { owner, escalation } = deriveCaseState({
    case: item,
    entries,
    trail,
    now,
    dueHours: policyDueHours,
  });
  return { ownerId: owner.ownerId, escalation: escalation.state };
}
