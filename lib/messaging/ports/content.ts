import type { HttpResponse } from '../../helpdesks/http';
import type { ContentSource, Hub, PortLike } from '../hub';
import { type BackgroundToContent, ContentToBackground } from '../protocol';
import type { PortRoute } from '../router';
import { isContentScript } from '../sender';
import { type Handlers, portTable, type RuntimePort } from './table';

/** A content script: its tab, the very port it uses, and the helpdesk host it runs on. */
export interface ContentFrom extends ContentSource {
  account: string;
}

export interface ContentPortDeps {
  hub: Hub;
  extensionId: string;
  /** Where the rep is now; the tab's ticket follows. */
  location(tabId: number, url: string): void;
  /** An answer to a session request; `from` lets the transport accept it only from the port it asked. */
  httpResult(from: ContentSource, id: string, response: HttpResponse | null, error: string | null): void;
  /** The content script went away (tab closed, page reloaded). */
  contentGone(tabId: number): void;
}

export const contentFrom =
  (extensionId: string) =>
  (port: RuntimePort): ContentFrom | null => {
    const sender = port.sender ?? {};
    const tabId = sender.tab?.id;
    if (!isContentScript(sender, extensionId) || tabId === undefined || !sender.url) return null;
    return { tabId, port, account: new URL(sender.url).host };
  };

/** The content script's port: where the rep is, and the answers to session requests. */
export function contentPort(deps: ContentPortDeps): PortRoute<ContentFrom> {
  const handlers = {
    location: (message, from) => deps.location(from.tabId, message.url),
    'http-result': (message, from) => deps.httpResult(from, message.id, message.response, message.error),
  } satisfies Handlers<ContentToBackground, ContentFrom>;
  return {
    table: portTable(ContentToBackground, contentFrom(deps.extensionId), handlers),
    opened(port, from) {
      const tab = deps.hub.entry(from.tabId);
      tab.content = port as PortLike<BackgroundToContent>;
      tab.account = from.account;
    },
    closed(port, from) {
      deps.contentGone(from.tabId);
      deps.hub.drop(from.tabId, 'content', port);
    },
  };
}
