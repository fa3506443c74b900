import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import type { Hub } from '../messaging/hub';
import type { SectionName } from '../messaging/protocol';
import type { ContextSync } from './context-sync';
import { loadEntries } from './entries-sync';
import type { ContextStore } from './store';

export interface TabControllerDeps {
  hub: Hub;
  sync: ContextSync;
  store: ContextStore;
  matchTicket(url: string): TicketRef | null;
  adapterFor(ref: TicketRef): HelpdeskAdapter;
  client(ref: TicketRef, priority: 'view' | 'background'): Client;
  cancelTicket(key: string): void;
  /** The transport's part when a content script goes: its session requests fail. */
  contentGone(tabId: number): void;
  /** The rep opened this ticket (follow-through clears its attention state). */
  viewed(ticket: TicketRef): void;
}

/** What each tab shows, what its sidebar asks to see of it, and what the background does when that changes. */
export function createTabController(deps: TabControllerDeps) {
  const { hub } = deps;

  /** Work for a ticket nobody looks at any more is cancelled (the rep moved on). */
  const leave = (ref: TicketRef) => {
    const key = refKey(ref);
    if (hub.tabsShowing(refKey, key).length > 0) return;
    deps.cancelTicket(key);
    deps.sync.forget(ref);
  };

  const authors = async (ref: TicketRef) => {
    const context = await deps.store.read(ref);
    const names: Record<string, string> = {};
    for (const agent of context.agents) names[agent.id] = agent.name;
    if (context.requester) names[context.requester.id] = context.requester.name;
    return names;
  };

  return {
    location(tabId: number, url: string) {
      const tab = hub.get(tabId);
      if (!tab) return;
      const ref = deps.matchTicket(url);
      // A content script speaks only for its own origin.
      if (ref && ref.account !== tab.account) return;
      const previous = tab.ticket;
      if (previous && ref && refKey(previous) === refKey(ref)) return;
      tab.ticket = ref;
      if (previous) leave(previous);
      if (ref) {
        void deps.sync.view(ref);
        deps.viewed(ref);
      } else hub.toSidebar(tabId, { type: 'idle' });
    },
    hello(tabId: number) {
      const ticket = hub.get(tabId)?.ticket;
      if (ticket) void deps.sync.view(ticket);
      else if (hub.get(tabId)?.content) hub.toSidebar(tabId, { type: 'idle' });
    },
    retry(tabId: number, section: SectionName) {
      const ticket = hub.get(tabId)?.ticket;
      if (ticket) void deps.sync.retry(ticket, section);
    },
    entries(tabId: number, ticket: TicketRef) {
      const tab = hub.get(tabId);
      if (!tab || ticket.account !== tab.account) return;
      void loadEntries(
        ticket,
        {
          adapter: deps.adapterFor(ticket),
          client: deps.client(tab.ticket ?? ticket, 'view'),
          store: deps.store,
          authors: () => (tab.ticket ? authors(tab.ticket) : authors(ticket)),
        },
        (result) =>
          hub.toSidebar(
            tabId,
            'view' in result
              ? { type: 'entries', view: result.view }
              : { type: 'entries-error', ticket, error: result.error },
          ),
      );
    },
    history(tabId: number, ticket: TicketRef, feed: string | null, since: number) {
      const shown = hub.get(tabId)?.ticket;
      if (!shown || refKey(shown) !== refKey(ticket)) return;
      void deps.sync.history(ticket, feed, since).then((delta) => {
        if (delta) hub.toSidebar(tabId, { type: 'history', delta });
      });
    },
    contentGone(tabId: number) {
      deps.contentGone(tabId);
      const tab = hub.get(tabId);
      const ticket = tab?.ticket;
      if (!tab || !ticket) return;
      tab.ticket = null;
      leave(ticket);
    },
  };
}
