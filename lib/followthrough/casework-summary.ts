import { deriveEscalation } from '../casework/escalation';
import { markersIn } from '../casework/markers-in-entries';
import { deriveOwner } from '../casework/owner';
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
  const markers = markersIn(entries, item.requesterId);
  const { ownerId } = deriveOwner({ case: item, entries, trail, requesterId: item.requesterId, markers });
  const escalation = deriveEscalation({
    case: item,
    trail,
    entries,
    ownerId,
    now,
    markers,
    ...(policyDueHours === undefined ? {} : { policyDueHours }),
  });
  return { ownerId, escalation: escalation.state };
}
