import { readableText } from '../domain/markers';
import type { Entry } from '../domain/model';
import type { ConversationLine } from '../domain/review/page-data';
import type { TicketRef } from '../domain/ticket-ref';
import type { ReviewDeps } from './deps';
import { agentNames } from './names';
import type { BackgroundToReview } from './protocol';
import { sourceOf } from './source';

/** A ticket's entries as the retrospective reads them: who wrote each, without the markers. */
const conversationLines = (entries: readonly Entry[], name: (id: string) => string): ConversationLine[] =>
  entries.map((e) => ({
    author: e.fromCustomer ? 'Customer' : e.authorId === null ? 'System' : name(e.authorId),
    public: e.public,
    fromCustomer: e.fromCustomer,
    text: readableText(e),
    at: e.createdAt,
  }));

/** The page's answer to a conversation request: the lines, or why there are none. */
export async function conversationOf(
  deps: Pick<ReviewDeps, 'db' | 'now' | 'adapterFor' | 'client'>,
  ticket: TicketRef,
): Promise<Extract<BackgroundToReview, { type: 'conversation' }>> {
  try {
    const src = sourceOf(deps, ticket);
    const entries = await src.adapter.entries(src.client, ticket);
    const name = await agentNames(
      deps.db,
      src,
      entries.flatMap((e) => (e.authorId !== null && !e.fromCustomer ? [e.authorId] : [])),
      deps.now(),
    );
    return {
      type: 'conversation',
      ticketId: ticket.id,
      lines: conversationLines(entries, name),
      error: null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { type: 'conversation', ticketId: ticket.id, lines: [], error: message };
  }
}
