import { outboxTimer } from '../db/outbox-timer';
import type { PeriodChoice } from '../domain/review/period-choice';
import type { TicketRef } from '../domain/ticket-ref';
import { type Decision, decide } from './decisions';
import type { ReviewDeps } from './deps';
import { dispatchReview } from './dispatch';
import { loadReview } from './load';
import { drainNotes } from './note-outbox';
import { ReviewToBackground } from './protocol';

export const REVIEW_DRAIN_ALARM = 'frontline-review-drain';

export interface ReviewPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** Posts until the page goes away; a post to a closed port ends the posting instead of throwing. */
function openPoster(port: ReviewPort): (message: unknown) => void {
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  return (message) => {
    if (!open) return;
    try {
      port.postMessage(message);
    } catch {
      open = false;
    }
  };
}

/**
 * The manager review in the worker: the page's port, and the outbox of its
 * decision and coaching notes, drained on a timer backed by an alarm (the
 * timer dies with the worker; the alarm wakes it again). Only our review page
 * reaches `connect` (the router checks the port's sender).
 */
export function createReviewRuntime(deps: ReviewDeps) {
  return {
    connect(port: ReviewPort) {
      const post = openPoster(port);
      port.onMessage.addListener((raw) => {
        const parsed = ReviewToBackground.safeParse(raw);
        if (parsed.success) void dispatchReview(deps, parsed.data, post);
      });
    },
    drain: outboxTimer(REVIEW_DRAIN_ALARM, () => drainNotes(deps)),
    load: (port: ReviewPort, choice: PeriodChoice) => loadReview(deps, (m) => port.postMessage(m), choice),
    decide: (requestId: string, ticket: TicketRef, decision: Decision, reason: string | null) =>
      decide(deps, requestId, ticket, decision, reason),
  };
}

export type ReviewRuntime = ReturnType<typeof createReviewRuntime>;
