import type { CommandResult } from '../../domain/command';
import type { PeriodChoice } from '../../domain/review/period-choice';
import type { TicketRef } from '../../domain/ticket-ref';
import { ReviewToBackground } from '../../review/protocol';
import type { PortRoute } from '../router';
import { type ExtensionSelf, isOurPage } from '../sender';
import { type Handlers, portTable, type RuntimePort } from './table';

/** Our review page: the port its rows, progress and conversations are pushed to. */
export interface ReviewFrom {
  port: RuntimePort;
}

export interface ReviewPortDeps {
  extension: ExtensionSelf;
  /** lib/review/runtime: loading a period, a ticket's conversation, and the manager's decisions. */
  review: {
    load(port: RuntimePort, choice: PeriodChoice): Promise<void>;
    conversation(port: RuntimePort, ticket: TicketRef): Promise<void>;
    decide(
      requestId: string,
      ticket: TicketRef,
      decision: 'approve' | 'decline',
      reason: string | null,
    ): Promise<CommandResult>;
    coach(ticket: TicketRef, grantId: string, text: string): Promise<CommandResult>;
  };
}

export const reviewFrom =
  (extension: ExtensionSelf) =>
  (port: RuntimePort): ReviewFrom | null =>
    port.sender && isOurPage(port.sender, extension, ['/review.html']) ? { port } : null;

/** The manager review page's port: loads are answered by pushes, decisions and coaching notes by a reply. */
export function reviewPort(deps: ReviewPortDeps): PortRoute<ReviewFrom> {
  const { review } = deps;
  const handlers = {
    load: (message, from) =>
      review.load(from.port, message.choice).catch((error: unknown) =>
        from.port.postMessage({
          type: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
      ),
    approve: (message) => review.decide(message.requestId, message.ticket, 'approve', null),
    decline: (message) => review.decide(message.requestId, message.ticket, 'decline', message.reason),
    conversation: (message, from) => review.conversation(from.port, message.ticket),
    coach: (message) => review.coach(message.ticket, message.grantId, message.text),
  } satisfies Handlers<ReviewToBackground, ReviewFrom>;
  return { table: portTable(ReviewToBackground, reviewFrom(deps.extension), handlers) };
}
