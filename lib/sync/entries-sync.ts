import type { EntriesView, SectionError } from '../domain/snapshot';
import type { TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { describeError } from './sections';
import type { ContextStore } from './store';

export interface EntriesDeps {
  adapter: HelpdeskAdapter;
  client: Client;
  store: ContextStore;
  /** Display names we know: agents and the requester. */
  authors(ref: TicketRef): Promise<Record<string, string>>;
}

/**
 * One expanded ticket's conversation: the cached copy first when there is one,
 * then the helpdesk's. Loaded only when the rep expands the ticket.
 */
export async function loadEntries(
  ref: TicketRef,
  deps: EntriesDeps,
  deliver: (result: { view: EntriesView } | { error: SectionError }) => void,
): Promise<void> {
  const cached = await deps.store.readEntries(ref);
  if (cached) deliver({ view: { ticket: ref, entries: cached, authors: await deps.authors(ref) } });
  try {
    const entries = await deps.adapter.entries(deps.client, ref);
    await deps.store.writeEntries(ref, entries);
    deliver({ view: { ticket: ref, entries, authors: await deps.authors(ref) } });
  } catch (error) {
    // Cached entries stay on screen; the error shows only when there is nothing to show.
    if (!cached) deliver({ error: describeError(error, ref.helpdesk, 'conversation') });
  }
}
