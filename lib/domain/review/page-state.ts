import type { TicketRef } from '../ticket-ref';
import type { ReviewFailure, ReviewReason } from './failure';
import type { ConversationLine, LoadedReview } from './page-data';
import type { PeriodChoice } from './period-choice';

export interface Decision {
  state: 'sending' | 'done' | 'failed';
  message: string | null;
  /** Why it failed, for the page to word; without it, `message` is shown. */
  reason?: ReviewReason;
}

export interface ReviewState {
  choice: PeriodChoice;
  loading: boolean;
  progress: { loaded: number; of: number } | null;
  data: LoadedReview | null;
  error: ReviewFailure | null;
  decisions: Record<string, Decision>;
  conversation: { ticketId: string; lines: ConversationLine[]; error: string | null } | null;
  coached: Record<string, Decision>;
}

/** Before anything was asked: the policy's period, nothing loaded. */
export const INITIAL_STATE: ReviewState = {
  choice: 'policy',
  loading: false,
  progress: null,
  data: null,
  error: null,
  decisions: {},
  conversation: null,
  coached: {},
};

/** What the page asks of the worker; the review client (lib/review/client) is wired in by the entrypoint. */
export interface ReviewActions {
  load(choice: PeriodChoice): void;
  approve(requestId: string, ticket: TicketRef): void;
  decline(requestId: string, ticket: TicketRef, reason: string): void;
  conversation(ticket: TicketRef): void;
  coach(ticket: TicketRef, grantId: string, text: string): void;
}
