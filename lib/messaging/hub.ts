import type { TicketRef } from '../domain/ticket-ref';
import type { BackgroundToContent, BackgroundToSidebar } from './protocol';

/** The part of a runtime port the hub uses; tests pass fakes. */
export interface PortLike<Out> {
  postMessage(message: Out): void;
}

/** Which content script an answer came from: its tab and the very port it used. */
export interface ContentSource {
  tabId: number;
  port: unknown;
}

export interface TabEntry {
  tabId: number;
  /** The helpdesk host this tab shows, e.g. `acme.zendesk.com`. */
  account: string | null;
  ticket: TicketRef | null;
  content: PortLike<BackgroundToContent> | null;
  sidebar: PortLike<BackgroundToSidebar> | null;
}

/**
 * Which tab has which ports and which ticket. This is the one piece of state
 * that lives in memory: ports die with the service worker and every context
 * reconnects and re-announces itself, so the hub rebuilds itself.
 */
export function createHub() {
  const tabs = new Map<number, TabEntry>();

  const entry = (tabId: number): TabEntry => {
    let found = tabs.get(tabId);
    if (!found) {
      found = { tabId, account: null, ticket: null, content: null, sidebar: null };
      tabs.set(tabId, found);
    }
    return found;
  };

  const post = <T>(port: PortLike<T> | null, message: T) => {
    try {
      port?.postMessage(message);
    } catch {
      // The other end went away; its onDisconnect cleans the entry up.
    }
  };

  return {
    entry,
    get: (tabId: number) => tabs.get(tabId),
    all: () => [...tabs.values()],
    drop(tabId: number, which: 'content' | 'sidebar', port: unknown) {
      const found = tabs.get(tabId);
      if (!found || found[which] !== port) return;
      found[which] = null;
      if (!found.content && !found.sidebar) tabs.delete(tabId);
    },
    /** A tab whose content script can run session requests for this account; the preferred tab first. */
    contentFor(account: string, preferTab?: number): TabEntry | undefined {
      const preferred = preferTab === undefined ? undefined : tabs.get(preferTab);
      if (preferred?.account === account && preferred.content) return preferred;
      return [...tabs.values()].find((tab) => tab.account === account && tab.content !== null);
    },
    toSidebar(tabId: number, message: BackgroundToSidebar) {
      post(tabs.get(tabId)?.sidebar ?? null, message);
    },
    toContent(tabId: number, message: BackgroundToContent) {
      post(tabs.get(tabId)?.content ?? null, message);
    },
    /** Every tab currently showing this ticket (three tabs may show three, or the same one). */
    tabsShowing(key: (ref: TicketRef) => string, ticketKey: string): TabEntry[] {
      return [...tabs.values()].filter((tab) => tab.ticket && key(tab.ticket) === ticketKey);
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
