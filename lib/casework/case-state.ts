import type { AssignmentChange, Case, Entry } from '../domain/model';
import { deriveEscalation, type EscalationStatus } from './escalation';
import { type FoundMarker, markersIn } from './markers-in-entries';
import { deriveOwner, type OwnerResult } from './owner';

export interface CaseStateInput {
  case: Case;
  entries: readonly Entry[];
  /** The helpdesk's reassignment trail (Zendesk audits); empty when there is none. */
  trail: readonly AssignmentChange[];
  /** Epoch ms. */
  now: number;
  /** Report-back due hours of the policy; the default when absent. */
  dueHours?: number;
}

/** Who owns the case and where its escalation stands, with the markers both were read from. */
export interface CaseState {
  markers: readonly FoundMarker[];
  owner: OwnerResult;
  escalation: EscalationStatus;
}

/**
 * The one place owner and escalation are worked out together: the escalation's
 * owner is the case's owner, so both read the same markers. The sidebar's
 * snapshot and its casework actions share one result per publish; the
 * follow-through list and the command planner call this too.
 */
export function deriveCaseState(input: CaseStateInput): CaseState {
  const { case: item, entries, trail } = input;
  const markers = markersIn(entries, item.requesterId);
  const owner = deriveOwner({ case: item, entries, trail, requesterId: item.requesterId, markers });
  const escalation = deriveEscalation({
    case: item,
    trail,
    entries,
    ownerId: owner.ownerId,
    now: input.now,
    markers,
    ...(input.dueHours === undefined ? {} : { policyDueHours: input.dueHours }),
  });
  return { markers, owner, escalation };
}

/**
 * The owner of another case of the requester, from its cached entries alone
 * (its trail is not cached): for continuity and route-to-owner's note.
 */
export const ownerOfOtherCase = (item: Case, entries: readonly Entry[] | null): OwnerResult =>
  deriveOwner({ case: item, entries: entries ?? [], trail: [], requesterId: item.requesterId });
