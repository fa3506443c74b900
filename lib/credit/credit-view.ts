import type { ApprovalRecord } from '../domain/approval-record';
import type { CreditGrant } from '../domain/credit-grant';
import type { CreditBlock } from '../domain/credit-off';
import { type TrustFacts, trustedMarkers } from '../domain/marker-trust';
import { textBeforeMarker } from '../domain/markers';
import type { Entry } from '../domain/model';
import type { ApprovalView, AuthorityView, CreditView, GrantView } from '../domain/snapshot';
import type { Authority } from './authority';
import type { Gate } from './gate';

export const toAuthorityView = (a: Authority & { tierName: string }): AuthorityView => ({
  currency: a.currency,
  tierName: a.tierName,
  perGrantMax: a.perGrantMax,
  periodBudget: a.periodBudget,
  usedThisPeriod: a.usedThisPeriod,
  remainingThisPeriod: a.remainingThisPeriod,
  customerLimit: a.customerLimit,
  customerRemaining: a.customerRemaining,
  maxGrantNow: a.maxGrantNow,
  resetsAt: new Date(a.resetsAt).toISOString(),
});

export const CREDIT_PENDING = 'Counted by the credit gateway; the credit is pending.';

/** The gateway's verdict as the sidebar shows it: a reference once credited, or why not yet. */
const gatewayView = (g: CreditGrant): Partial<GrantView> => {
  if (g.gateway?.status === 'executed') return { credited: `Credited (${g.gateway.reference}).` };
  if (g.gateway?.status === 'accepted' && g.state === 'recorded' && g.error === undefined)
    return { error: CREDIT_PENDING };
  return {};
};

/** Newest first; `undoUntil` only while the rep can still undo. */
export const toGrantViews = (
  grants: readonly CreditGrant[],
  undoUntil: ReadonlyMap<string, number>,
  now: number,
): GrantView[] =>
  [...grants]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1))
    .map((g) => {
      const until = g.state === 'pending' ? (undoUntil.get(g.id) ?? null) : null;
      return {
        id: g.id,
        amount: g.amount.amount,
        currency: g.amount.currency,
        reason: g.reason,
        state: g.state,
        error: g.error ?? null,
        undoUntil: until !== null && until > now ? until : null,
        at: g.at,
        ...gatewayView(g),
      };
    });

/**
 * This ticket's approval requests: the ones this browser sent (with their
 * sending state) and the ones its notes show (sent from another browser), each
 * once, with the approver's decision when an `approval-decision` note names it.
 * Only notes that count are read: a forged request or decision changes nothing.
 */
export function toApprovalViews(
  records: readonly ApprovalRecord[],
  entries: readonly Entry[],
  facts: Omit<TrustFacts, 'requestAgent'>,
): ApprovalView[] {
  const views = new Map<string, ApprovalView>();
  const decisions = new Map<string, { decision: 'approve' | 'decline'; note: string | null }>();
  for (const { marker, entry } of trustedMarkers(entries, facts)) {
    if (marker.kind === 'approval-request' && !views.has(marker.id)) {
      views.set(marker.id, {
        id: marker.id,
        amount: marker.amount,
        currency: marker.currency,
        reason: marker.reason,
        state: 'pending',
        note: null,
      });
    } else if (marker.kind === 'approval-decision' && !decisions.has(marker.request)) {
      decisions.set(marker.request, {
        decision: marker.decision,
        note: textBeforeMarker(entry.text) || null,
      });
    }
  }
  for (const r of records) {
    if (r.state === 'sent' && views.has(r.id)) continue;
    const state = r.state === 'failed' ? 'failed' : r.state === 'sent' ? 'pending' : 'sending';
    views.set(r.id, {
      id: r.id,
      amount: r.amount.amount,
      currency: r.amount.currency,
      reason: r.reason,
      state,
      note: r.state === 'failed' ? (r.error ?? null) : null,
    });
  }
  return [...views.values()].map((view) => {
    const decided = view.state === 'pending' ? decisions.get(view.id) : undefined;
    if (decided === undefined) return view;
    return decided.decision === 'approve'
      ? { ...view, state: 'approved', note: null }
      : { ...view, state: 'declined', note: decided.note };
  });
}

export interface CreditViewInput {
  gate: Gate;
  /** Set when the gate is open but grants are still off (the ticket takes no note, currency mismatch, unknown customer). */
  blocked: CreditBlock | null;
  authority: AuthorityView | null;
  grants: GrantView[];
  approvals: ApprovalView[];
  needsCredentials: boolean;
}

/** Fail closed: whenever grants are off, `policy` is null and `disabledReason` says why. */
export function buildCreditView(input: CreditViewInput): CreditView {
  const { gate } = input;
  const reason = gate.open ? (input.blocked?.english ?? null) : gate.reason;
  const why = gate.open ? (input.blocked?.off ?? null) : gate.off;
  return {
    policy:
      gate.open && reason === null
        ? {
            source: gate.source,
            presets: gate.policy.presets,
            reasons: gate.policy.reasons,
            undoSeconds: gate.policy.undoSeconds,
          }
        : null,
    disabledReason: reason,
    disabledWhy: reason === null ? null : why,
    authority: reason === null ? input.authority : null,
    grants: input.grants,
    approvals: input.approvals,
    needsCredentials: input.needsCredentials,
  };
}
