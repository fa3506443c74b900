import { createStore } from 'zustand/vanilla';
import type { CommandResult } from '../domain/command';
import { ReviewReason } from '../domain/review/failure';
import {
  type Decision,
  INITIAL_STATE,
  type ReviewActions,
  type ReviewState,
} from '../domain/review/page-state';
import type { PeriodChoice } from '../domain/review/period-choice';
import type { TicketRef } from '../domain/ticket-ref';
import { connectPort, LOST as DROPPED } from '../messaging/port-client';
import { PORT } from '../messaging/ports/names';
import { BackgroundToReview, type ReviewToBackground } from './protocol';

/** A reply's reason is checked here: one this page cannot read leaves the English message. */
const outcome = (result: CommandResult): Decision =>
  result.ok
    ? { state: 'done', message: null }
    : { state: 'failed', message: result.message, reason: ReviewReason.safeParse(result.reason).data };

const LOST: Decision = {
  state: 'failed',
  message:
    'The connection to Frontline dropped before an answer came. The queue was read again: check whether it was decided.',
  reason: { why: 'lost' },
};

const failSending = (all: Record<string, Decision>): Record<string, Decision> =>
  Object.fromEntries(Object.entries(all).map(([id, d]) => [id, d.state === 'sending' ? LOST : d]));

/**
 * After the port connected again (the worker had stopped, which ends whatever
 * it was doing): a load in flight is asked for again, and decisions or notes
 * still sending are reported lost rather than left spinning. Sending them
 * again could answer a request twice; the reload shows what landed.
 */
export function afterReconnect(state: ReviewState): {
  resend: ReviewToBackground | null;
  patch: Partial<ReviewState>;
} {
  const lost = [...Object.values(state.decisions), ...Object.values(state.coached)].some(
    (d) => d.state === 'sending',
  );
  return {
    resend: state.loading || lost ? { type: 'load', choice: state.choice } : null,
    patch: {
      ...(lost ? { decisions: failSending(state.decisions), coached: failSending(state.coached) } : {}),
      ...(lost && !state.loading ? { loading: true, progress: null } : {}),
    },
  };
}

/** The review page's state, fed by the background over the review port; every inbound message is validated. */
export function createReviewClient(alive: () => boolean = () => true) {
  const store = createStore<ReviewState>(() => INITIAL_STATE);

  const port = connectPort<BackgroundToReview, ReviewToBackground>({
    name: PORT.review,
    alive,
    accept: (raw) => {
      const parsed = BackgroundToReview.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    onConnect: (send) => {
      const { resend, patch } = afterReconnect(store.getState());
      store.setState(patch);
      if (resend) send(resend);
    },
    onMessage: (message) => {
      switch (message.type) {
        case 'progress':
          return store.setState({ progress: { loaded: message.loaded, of: message.of } });
        case 'loaded':
          // A cached first paint keeps the page loading until the helpdesk's answer replaces it.
          return store.setState(
            message.partial
              ? { data: message, error: null }
              : { data: message, loading: false, progress: null, error: null },
          );
        case 'failed':
          return store.setState({
            loading: false,
            progress: null,
            error: { message: message.message, reason: message.reason },
          });
        case 'conversation':
          return store.setState({
            conversation: { ticketId: message.ticketId, lines: message.lines, error: message.error },
          });
      }
    },
  });

  function load(choice: PeriodChoice) {
    store.setState({ choice, loading: true, progress: null, error: null });
    port.send({ type: 'load', choice });
  }

  /**
   * A reply to a decision or a note still sending, unless the worker stopped before answering:
   * afterReconnect reports those, and reads the queue again.
   */
  const answered = (result: CommandResult) => result.ok || result.message !== DROPPED;

  /** A decision's reply; a done one reloads the queue. */
  const decided = (requestId: string, result: CommandResult) => {
    if (store.getState().decisions[requestId]?.state !== 'sending' || !answered(result)) return;
    store.setState((s) => ({ decisions: { ...s.decisions, [requestId]: outcome(result) } }));
    if (result.ok) load(store.getState().choice);
  };

  const decide = (message: Extract<ReviewToBackground, { type: 'approve' | 'decline' }>) => {
    store.setState((s) => ({
      decisions: { ...s.decisions, [message.requestId]: { state: 'sending', message: null } },
    }));
    void port.request(message).then((result) => decided(message.requestId, result));
  };

  const actions: ReviewActions = {
    load,
    approve: (requestId: string, ticket: TicketRef) => decide({ type: 'approve', requestId, ticket }),
    decline: (requestId: string, ticket: TicketRef, reason: string) =>
      decide({ type: 'decline', requestId, ticket, reason }),
    conversation(ticket: TicketRef) {
      store.setState({ conversation: null });
      port.send({ type: 'conversation', ticket });
    },
    coach(ticket: TicketRef, grantId: string, text: string) {
      store.setState((s) => ({ coached: { ...s.coached, [grantId]: { state: 'sending', message: null } } }));
      void port.request({ type: 'coach', ticket, grantId, text }).then((result) => {
        if (store.getState().coached[grantId]?.state !== 'sending' || !answered(result)) return;
        store.setState((s) => ({ coached: { ...s.coached, [grantId]: outcome(result) } }));
      });
    },
  };
  return { store, ...actions, close: () => port.close() };
}

export type ReviewClient = ReturnType<typeof createReviewClient>;
