import { outboxTimer } from '../db/outbox-timer';
import type { CommandResult } from '../domain/command';
import type { PeriodChoice } from '../domain/review/period-choice';
import type { TicketRef } from '../domain/ticket-ref';
import { conversationOf } from './conversation';
import { coach, type Decision, decide } from './decisions';
import type { ReviewDeps } from './deps';
import { failureOf } from './failure';
import { loadReview } from './load';
import { drainNotes } from './note-outbox';

export const REVIEW_DRAIN_ALARM = 'frontline-review-drain';

/** Where a load's progress and rows, and a conversation, are pushed: the review page's port. */
export interface ReviewPort {
  postMessage(message: unknown): void;
}

/** Posts until the page goes away: a post to a closed port ends the posting instead of failing the load. */
function poster(port: ReviewPort): (message: unknown) => void {
  let open = true;
  return (message) => {
    if (!open) return;
    try {
      port.postMessage(message);
    } catch {
      open = false;
    }
  };
}

const failure = (error: unknown): CommandResult => ({ ok: false, ...failureOf(error) });

/**
 * The manager review in the worker: one function per kind of page message
 * (lib/messaging/ports/review.ts routes them, after checking the sender), and
 * the outbox of decision and coaching notes, drained on a timer backed by an
 * alarm (the timer dies with the worker; the alarm wakes it again).
 */
export function createReviewRuntime(deps: ReviewDeps) {
  return {
    drain: outboxTimer(REVIEW_DRAIN_ALARM, () => drainNotes(deps)),
    load: (port: ReviewPort, choice: PeriodChoice) => loadReview(deps, poster(port), choice),
    async conversation(port: ReviewPort, ticket: TicketRef) {
      poster(port)(await conversationOf(deps, ticket));
    },
    decide: (requestId: string, ticket: TicketRef, decision: Decision, reason: string | null) =>
      decide(deps, requestId, ticket, decision, reason).catch(failure),
    coach: (ticket: TicketRef, grantId: string, text: string) =>
      coach(deps, ticket, grantId, text).catch(failure),
  };
}

export type ReviewRuntime = ReturnType<typeof createReviewRuntime>;
