import { type TrustFacts, trustedMarkers } from '../domain/marker-trust';
import type { ApprovalDecisionMarker, ApprovalRequestMarker, CreditMarker } from '../domain/markers';
import type { Entry } from '../domain/model';

/** One approval request as a ticket's notes tell it: asked, decided, and whether its credit was written. */
export interface RequestState {
  request: ApprovalRequestMarker | null;
  /** The first decision written for it: later ones (a race, a retry) change nothing. */
  decision: ApprovalDecisionMarker | null;
  /** A credit whose marker names the request: it was approved, even if its decision note is missing. */
  credit: CreditMarker | null;
}

/**
 * Only notes the trust rule believes count: a forged request, decision or credit
 * naming the request (a customer's private email, another agent's hand-typed
 * marker, a decision by a non-approver or by the asker) neither decides it nor
 * blocks the real decision.
 */
export function requestState(
  entries: readonly Entry[],
  requestId: string,
  facts: Omit<TrustFacts, 'requestAgent'>,
): RequestState {
  const state: RequestState = { request: null, decision: null, credit: null };
  for (const { marker } of trustedMarkers(entries, facts)) {
    if (marker.kind === 'approval-request' && marker.id === requestId) state.request ??= marker;
    else if (marker.kind === 'approval-decision' && marker.request === requestId) state.decision ??= marker;
    else if (marker.kind === 'credit' && marker.request === requestId) state.credit ??= marker;
  }
  return state;
}
