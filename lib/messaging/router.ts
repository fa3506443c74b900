import type { TicketRef } from '../domain/ticket-ref';
import type { HttpResponse } from '../helpdesks/http';
import type { ContentSource, Hub, PortLike } from './hub';
import {
  type BackgroundToContent,
  type BackgroundToSidebar,
  ContentToBackground,
  PORT,
  type SectionName,
  SidebarToBackground,
} from './protocol';
import { isContentScript, isOurPage, isSidebarInHelpdeskTab, type SenderLike } from './sender';

export interface RuntimePort {
  name: string;
  sender?: SenderLike;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface BackgroundHandlers {
  location(tabId: number, url: string): void;
  /** An answer to a session request; `from` lets the transport accept it only from the port it asked. */
  httpResult(from: ContentSource, id: string, response: HttpResponse | null, error: string | null): void;
  contentGone(tabId: number): void;
  sidebarHello(tabId: number): void;
  retry(tabId: number, section: SectionName): void;
  entries(tabId: number, ticket: TicketRef): void;
  /** The sidebar asks for the history rows changed after the version it holds. */
  history(tabId: number, ticket: TicketRef, feed: string | null, since: number): void;
  /** Money and credentials: only ever from our sidebar page (checked on the port's sender). */
  sidebarCommand(tabId: number, command: SidebarCommand): void;
  /** A follow-through list opened in our popup or sidebar page. */
  followThroughList(port: RuntimePort): void;
  /** The manager review page: team grants and approval decisions, only from our review.html. */
  review?(port: RuntimePort): void;
}

export type SidebarCommand = Extract<
  SidebarToBackground,
  { type: 'grant' | 'undo' | 'request-approval' | 'set-credentials' | 'casework' | 'follow' }
>;

/**
 * Accepts a port only from the context its name claims (checked on the
 * sender, not on what the message says) and drops any message that does not
 * validate. Money commands will ride the sidebar port, which only our own
 * page inside a helpdesk tab can open.
 */
export function routePort(
  port: RuntimePort,
  hub: Hub,
  extensionId: string,
  handlers: BackgroundHandlers,
): void {
  const sender = port.sender ?? {};
  const tabId = sender.tab?.id;
  if (port.name === PORT.content && isContentScript(sender, extensionId) && tabId !== undefined) {
    const tab = hub.entry(tabId);
    tab.content = port as PortLike<BackgroundToContent>;
    tab.account = new URL(sender.url!).host;
    port.onMessage.addListener((raw) => {
      const parsed = ContentToBackground.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'location') handlers.location(tabId, message.url);
      else handlers.httpResult({ tabId, port }, message.id, message.response, message.error);
    });
    port.onDisconnect.addListener(() => {
      // The handler runs first, while the hub still knows what the tab showed.
      handlers.contentGone(tabId);
      hub.drop(tabId, 'content', port);
    });
    return;
  }
  if (port.name === PORT.sidebar && isSidebarInHelpdeskTab(sender, extensionId) && tabId !== undefined) {
    hub.entry(tabId).sidebar = port as PortLike<BackgroundToSidebar>;
    port.onMessage.addListener((raw) => {
      const parsed = SidebarToBackground.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      switch (message.type) {
        case 'hello':
          return handlers.sidebarHello(tabId);
        case 'retry':
          return handlers.retry(tabId, message.section);
        case 'entries':
          return handlers.entries(tabId, message.ticket);
        case 'history':
          return handlers.history(tabId, message.ticket, message.feed, message.since);
        case 'collapse':
          return hub.toContent(tabId, { type: 'collapse' });
        default:
          return handlers.sidebarCommand(tabId, message);
      }
    });
    port.onDisconnect.addListener(() => hub.drop(tabId, 'sidebar', port));
    return;
  }
  if (port.name === PORT.followThrough && isOurPage(sender, extensionId, ['/popup.html', '/sidebar.html'])) {
    handlers.followThroughList(port);
    return;
  }
  if (port.name === PORT.review && handlers.review && isOurPage(sender, extensionId, ['/review.html'])) {
    handlers.review(port);
    return;
  }
  port.disconnect();
}
