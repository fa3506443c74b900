import { approverCheck } from '../credit/approver-check';
import { confirmIdentity } from '../credit/identity';
import { isApprover } from '../credit/policy';
import { accountAgents } from '../db/queries';
import { localGrant, ticketReviewNotes } from '../db/review-queries';
import type { OutboxRow } from '../db/rows';
import { reserves } from '../domain/credit-grant';
import { type ApprovalDecisionMarker, findMarker } from '../domain/markers';
import type { Agent } from '../domain/model';
import { noteWithMarker } from '../domain/note-text';
import type { ReviewFailure } from '../domain/review/failure';
import type { TicketRef } from '../domain/ticket-ref';
import { decisionNoteText } from './decision-note';
import { DONE, type NoteResult, type ReviewDeps, refuse } from './deps';
import { failureOf, NO_GATEWAY, policyFailure } from './failure';
import { decideAtGateway, noCredential } from './gateway-source';
import { grantIdOf } from './grant-of-request';
import { queueNote, sendNote } from './note-outbox';
import { requestState } from './request-state';
import { ReviewNote } from './review-note';

export type Decision = 'approve' | 'decline';

const NOT_APPROVER: ReviewFailure = {
  message: 'Only the policy’s approvers can decide requests.',
  reason: { why: 'not-approver' },
};
const GONE: ReviewFailure = {
  message: 'This request is no longer found on its ticket.',
  reason: { why: 'request-gone' },
};
const OWN: ReviewFailure = {
  message: 'You asked for this credit yourself: another approver must decide it.',
  reason: { why: 'own-request' },
};
const DECLINED: ReviewFailure = {
  message: 'This request was already declined.',
  reason: { why: 'declined' },
};
const approved = (grantId: string): ReviewFailure => ({
  message: `This request was already approved: credit ${grantId} was granted.`,
  reason: { why: 'approved', grantId },
});

/** One decision per request per browser profile at a time (Web Locks span the worker and the pages). */
const lockName = (ticket: TicketRef, requestId: string) =>
  `frontline-approval:${ticket.account}:${requestId}`;

/*
 * An approver's decisions and coaching notes. Who decides is asked of the
 * helpdesk right before (through the session the review reads with, so an
 * approver with only the dashboard open can decide); what was decided is read
 * from the ticket's notes and this browser's outbox, never from the page.
 * Notes go through the outbox: a failed write is retried, after a marker check.
 */

const clientOf = (deps: ReviewDeps, ticket: TicketRef) => deps.client(ticket, 'view');

async function signedIn(deps: ReviewDeps, ticket: TicketRef): Promise<Agent | ReviewFailure> {
  const identity = await confirmIdentity(deps, ticket, clientOf(deps, ticket));
  if (identity.ok) return identity.me;
  return { message: identity.message, reason: identity.signedOut ? { why: 'signed-out' } : undefined };
}

const isFailure = (me: Agent | ReviewFailure): me is ReviewFailure => 'message' in me;

/**
 * The request's notes as the trust rule reads them: the requester from the
 * ticket itself (Zendesk's entries read the same ticket, so the two requests
 * are one in flight), approvers from the policy with the agents this browser knows.
 */
async function stateOf(deps: ReviewDeps, me: Agent, ticket: TicketRef, requestId: string) {
  const adapter = deps.adapterFor(ticket.helpdesk);
  const client = clientOf(deps, ticket);
  const [entries, context, policy, agents] = await Promise.all([
    adapter.entries(client, ticket),
    adapter.ticket(client, ticket),
    deps.loadPolicy(ticket.account),
    accountAgents(deps.db, ticket.account),
  ]);
  // The policy may name approvers by email: an approver this browser never met is asked for.
  const known = new Set([...agents, me].map((a) => a.id));
  const deciders = entries.flatMap((e) => {
    const marker = findMarker(e.text, !e.public);
    return marker?.kind === 'approval-decision' && !known.has(marker.by) ? [marker.by] : [];
  });
  const met = deciders.length > 0 ? await adapter.agents(client, ticket.account, [...new Set(deciders)]) : [];
  return requestState(entries, requestId, {
    requesterId: context.case.requesterId,
    isApprover: approverCheck(policy, [...agents, ...met, me]),
  });
}

/** A decision of this request this browser made but has not written to the ticket yet. */
function queuedDecision(
  rows: readonly OutboxRow[],
  requestId: string,
): { id: string; marker: ApprovalDecisionMarker } | null {
  for (const row of rows) {
    const note = ReviewNote.safeParse(row.payload);
    const marker = note.data?.marker;
    if (marker?.kind === 'approval-decision' && marker.request === requestId) return { id: row.id, marker };
  }
  return null;
}

async function approver(deps: ReviewDeps, ticket: TicketRef): Promise<Agent | ReviewFailure> {
  const policy = await deps.loadPolicy(ticket.account);
  if ('error' in policy) return policyFailure(policy);
  const me = await signedIn(deps, ticket);
  if (isFailure(me)) return me;
  return isApprover(policy.policy, me) ? me : NOT_APPROVER;
}

/**
 * Decides under the request's lock, after reading its ticket: an approval
 * already decided (or whose credit was written before a worker died, or whose
 * note waits in this browser's outbox) is not granted again, and a decline
 * cannot follow an approval. The decision note goes through the outbox.
 */
async function settle(
  deps: ReviewDeps,
  me: Agent,
  requestId: string,
  ticket: TicketRef,
  decision: Decision,
  reason: string | null,
): Promise<NoteResult> {
  const state = await stateOf(deps, me, ticket, requestId);
  const { request } = state;
  if (request === null) return refuse(GONE);
  if (request.agent === me.id) return refuse(OWN);
  const queued = queuedDecision(await ticketReviewNotes(deps.db, ticket), requestId);
  const decided = state.decision ?? queued?.marker ?? null;
  const grantId = decided?.grant ?? state.credit?.id ?? (await grantIdOf(requestId));
  if (decided?.decision === 'decline') return decision === 'decline' ? DONE : refuse(DECLINED);
  // This browser's own reservation counts too: within the undo window the credit is not on the ticket yet.
  const local = await localGrant(deps.db, grantId);
  const granted = state.credit !== null || (local !== undefined && reserves(local));
  if (decision === 'decline' && (granted || decided !== null)) return refuse(approved(grantId));
  if (state.decision !== null) return DONE;
  // Decided here before, not on the ticket yet: asking again writes it now.
  if (queued !== null) return sendNote(deps, queued.id);
  const refused = await gatewayDecision(deps, ticket, requestId, decision);
  if (refused !== null) return refuse(refused);
  const grantsNow = decision === 'approve' && !granted;
  if (grantsNow) {
    const result = await deps.grant(
      { grantId, ticket, amount: request.amount, reason: request.reason, request: requestId },
      me,
      request.customer,
    );
    if (!result.ok) {
      return refuse({
        message: result.message,
        reason: result.refusal ? { why: 'limit', refusal: result.refusal } : undefined,
      });
    }
  }
  const marker: ApprovalDecisionMarker = {
    kind: 'approval-decision',
    request: requestId,
    decision,
    by: me.id,
    grant: decision === 'approve' ? grantId : undefined,
  };
  const text = decisionNoteText(marker, {
    approver: me.name,
    amount: request.amount,
    currency: request.currency,
    reason: reason ?? undefined,
  });
  const sent = await sendNote(deps, await queueNote(deps, ticket, text, marker));
  if (sent.ok && grantsNow) {
    const lost = await lostRace(deps, me, ticket, requestId, grantId);
    if (lost !== null) return lost;
  }
  // The credit commits when its undo window ends: the outbox timer is set for that moment now.
  if (decision === 'approve') deps.drain();
  return sent;
}

/**
 * With a credit gateway, the decision is the gateway's first (one per request, never the
 * asker's, by the approver the helpdesk vouches for): the approver's grant of the request
 * counts there only once it holds the approval. Null: decided there, or no gateway.
 */
async function gatewayDecision(
  deps: ReviewDeps,
  ticket: TicketRef,
  requestId: string,
  decision: Decision,
): Promise<ReviewFailure | null> {
  const policy = await deps.loadPolicy(ticket.account);
  const url = policy.gateway?.url;
  if (!url) return null;
  if (!deps.gateway) return NO_GATEWAY;
  const authorization = await deps.gateway.authorization(ticket);
  if (authorization === null) return failureOf(noCredential(ticket.account));
  try {
    await decideAtGateway(deps.gateway.fetch, url, ticket.account, requestId, decision, authorization);
    return null;
  } catch (error) {
    return failureOf(error);
  }
}

/**
 * Another approver in another browser (no lock reaches there) may have
 * decided in the same moment: the first decision note on the ticket stands,
 * and this grant, still inside its undo window, is taken back. An approval
 * there carries the same grant id, so the credit is written once either way.
 */
async function lostRace(deps: ReviewDeps, me: Agent, ticket: TicketRef, requestId: string, grantId: string) {
  const first = (await stateOf(deps, me, ticket, requestId)).decision;
  // The same approver in two browsers writes notes no one can tell apart: both keep the one grant id.
  if (first === null || first.by === me.id) return null;
  await deps.undo(grantId);
  return first.decision === 'approve' ? DONE : refuse(DECLINED);
}

/** Approves or declines a pending request (`reason` is a decline's). */
export async function decide(
  deps: ReviewDeps,
  requestId: string,
  ticket: TicketRef,
  decision: Decision,
  reason: string | null,
): Promise<NoteResult> {
  const me = await approver(deps, ticket);
  if (isFailure(me)) return refuse(me);
  return deps.withLock(lockName(ticket, requestId), () =>
    settle(deps, me, requestId, ticket, decision, reason),
  );
}

/** A coaching note on a grant's ticket, by whoever is signed in. */
export async function coach(
  deps: ReviewDeps,
  ticket: TicketRef,
  grantId: string,
  text: string,
): Promise<NoteResult> {
  const policy = await deps.loadPolicy(ticket.account);
  if ('error' in policy) return refuse(policyFailure(policy));
  const me = await signedIn(deps, ticket);
  if (isFailure(me)) return refuse(me);
  const marker = { kind: 'coaching', grant: grantId, by: me.id } as const;
  const note = noteWithMarker(`Coaching note by ${me.name}: ${text}`, marker);
  return sendNote(deps, await queueNote(deps, ticket, note, marker));
}
