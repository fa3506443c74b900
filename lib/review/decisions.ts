import { approverCheck } from '../credit/approver-check';
import { confirmIdentity } from '../credit/identity';
import { isApprover } from '../credit/policy';
import { accountAgents } from '../db/queries';
import { reserves } from '../domain/credit-grant';
import { findMarker } from '../domain/markers';
import type { Agent } from '../domain/model';
import { noteWithMarker } from '../domain/note-text';
import type { TicketRef } from '../domain/ticket-ref';
import { decisionNoteText } from './decision-note';
import { grantIdOf } from './grant-of-request';
import { requestState } from './request-state';
import type { ReviewDeps } from './runtime';

export type Decision = 'approve' | 'decline';
export type DecisionResult = { ok: true; message: null } | { ok: false; message: string };

const DONE: DecisionResult = { ok: true, message: null };
const refuse = (message: string): DecisionResult => ({ ok: false, message });

const NOT_APPROVER = 'Only the policy’s approvers can decide requests.';
const GONE = 'This request is no longer found on its ticket.';
const OWN = 'You asked for this credit yourself: another approver must decide it.';
const DECLINED = 'This request was already declined.';
const approved = (grantId: string) => `This request was already approved: credit ${grantId} was granted.`;

/** One decision per request per browser profile at a time (Web Locks span the worker and the pages). */
const lockName = (ticket: TicketRef, requestId: string) =>
  `frontline-approval:${ticket.account}:${requestId}`;

/**
 * An approver's decisions and coaching notes. Who decides is asked of the
 * helpdesk right before (through the session the review reads with, so an
 * approver with only the dashboard open can decide); what was decided is read
 * from the ticket's notes, never from the page or this browser alone.
 */
export function createDecisions(deps: ReviewDeps) {
  const clientOf = (ticket: TicketRef) => deps.client(ticket, 'view');

  async function signedIn(ticket: TicketRef): Promise<Agent | string> {
    const identity = await confirmIdentity(deps, ticket, clientOf(ticket));
    return identity.ok ? identity.me : identity.message;
  }

  /**
   * The request's notes as the trust rule reads them: the requester from the
   * ticket itself (Zendesk's entries read the same ticket, so the two requests
   * are one in flight), approvers from the policy with the agents this browser knows.
   */
  async function stateOf(me: Agent, ticket: TicketRef, requestId: string) {
    const adapter = deps.adapterFor(ticket.helpdesk);
    const client = clientOf(ticket);
    const [entries, context, policy, agents] = await Promise.all([
      adapter.entries(client, ticket),
      adapter.ticket(client, ticket),
      deps.loadPolicy(),
      accountAgents(deps.db, ticket.account),
    ]);
    // The policy may name approvers by email: an approver this browser never met is asked for.
    const known = new Set([...agents, me].map((a) => a.id));
    const deciders = entries.flatMap((e) => {
      const marker = findMarker(e.text, !e.public);
      return marker?.kind === 'approval-decision' && !known.has(marker.by) ? [marker.by] : [];
    });
    const met =
      deciders.length > 0 ? await adapter.agents(client, ticket.account, [...new Set(deciders)]) : [];
    return requestState(entries, requestId, {
      requesterId: context.case.requesterId,
      isApprover: approverCheck(policy, [...agents, ...met, me]),
    });
  }

  async function approver(ticket: TicketRef): Promise<Agent | string> {
    const policy = await deps.loadPolicy();
    if ('error' in policy) return policy.error;
    const me = await signedIn(ticket);
    if (typeof me === 'string') return me;
    return isApprover(policy.policy, me) ? me : NOT_APPROVER;
  }

  /**
   * Decides under the request's lock, after reading its ticket: an approval
   * already decided (or whose credit was written before a worker died) is not
   * granted again, and a decline cannot follow an approval.
   */
  async function settle(
    me: Agent,
    requestId: string,
    ticket: TicketRef,
    decision: Decision,
    reason: string | null,
  ): Promise<DecisionResult> {
    const adapter = deps.adapterFor(ticket.helpdesk);
    const client = clientOf(ticket);
    const state = await stateOf(me, ticket, requestId);
    const { request } = state;
    if (request === null) return refuse(GONE);
    if (request.agent === me.id) return refuse(OWN);
    const grantId = state.decision?.grant ?? state.credit?.id ?? (await grantIdOf(requestId));
    if (state.decision?.decision === 'decline') return decision === 'decline' ? DONE : refuse(DECLINED);
    // This browser's own reservation counts too: within the undo window the credit is not on the ticket yet.
    const local = await deps.db.grants.get(grantId);
    const granted = state.credit !== null || (local !== undefined && reserves(local.grant));
    if (decision === 'decline' && (granted || state.decision !== null)) return refuse(approved(grantId));
    if (state.decision !== null) return DONE;
    const grantsNow = decision === 'approve' && !granted;
    if (grantsNow) {
      const result = await deps.grant(
        { grantId, ticket, amount: request.amount, reason: request.reason, request: requestId },
        me,
        request.customer,
      );
      if (!result.ok) return refuse(result.message);
    }
    await adapter.addPrivateNote(
      client,
      ticket,
      decisionNoteText(
        {
          kind: 'approval-decision',
          request: requestId,
          decision,
          by: me.id,
          grant: decision === 'approve' ? grantId : undefined,
        },
        {
          approver: me.name,
          amount: request.amount,
          currency: request.currency,
          reason: reason ?? undefined,
        },
      ),
    );
    deps.changed(ticket);
    if (grantsNow) {
      const lost = await lostRace(me, ticket, requestId, grantId);
      if (lost !== null) return lost;
    }
    // The credit commits when its undo window ends: the outbox timer is set for that moment now.
    if (decision === 'approve') deps.drain();
    return DONE;
  }

  /**
   * Another approver in another browser (no lock reaches there) may have
   * decided in the same moment: the first decision note on the ticket stands,
   * and this grant, still inside its undo window, is taken back. An approval
   * there carries the same grant id, so the credit is written once either way.
   */
  async function lostRace(me: Agent, ticket: TicketRef, requestId: string, grantId: string) {
    const first = (await stateOf(me, ticket, requestId)).decision;
    // The same approver in two browsers writes notes no one can tell apart: both keep the one grant id.
    if (first === null || first.by === me.id) return null;
    await deps.undo(grantId);
    return first.decision === 'approve' ? DONE : refuse(DECLINED);
  }

  return {
    async decide(requestId: string, ticket: TicketRef, decision: Decision, reason: string | null) {
      const me = await approver(ticket);
      if (typeof me === 'string') return refuse(me);
      return deps.withLock(lockName(ticket, requestId), () =>
        settle(me, requestId, ticket, decision, reason),
      );
    },

    async coach(ticket: TicketRef, grantId: string, text: string): Promise<DecisionResult> {
      const policy = await deps.loadPolicy();
      if ('error' in policy) return refuse(policy.error);
      const me = await signedIn(ticket);
      if (typeof me === 'string') return refuse(me);
      await deps.adapterFor(ticket.helpdesk).addPrivateNote(
        clientOf(ticket),
        ticket,
        noteWithMarker(`Coaching note by ${me.name}: ${text}`, {
          kind: 'coaching',
          grant: grantId,
          by: me.id,
        }),
      );
      deps.changed(ticket);
      return DONE;
    },
  };
}
