import type { HttpResponse } from '../../helpdesks/http';
import type { ContentSource, Hub, PortLike } from '../hub';
import { type BackgroundToContent, ContentToBackground } from '../protocol';
import type { PortRoute } from '../router';
import { type CustomHostAccount, helpdeskAccountOf, isContentScript, NO_CUSTOM_HOSTS } from '../sender';
import { type Handlers, portTable, type RuntimePort } from './table';

/** A content script: its tab, the very port it uses, and the helpdesk host it runs on. */
export interface ContentFrom extends ContentSource {
  account: string;
}

export interface ContentPortDeps {
  hub: Hub;
  extensionId: string;
  /** Custom helpdesk hosts in force; none when left out. */
  customHosts?: CustomHostAccount;
  /** Where the rep is now; the tab's ticket follows. */
  location(tabId: number, url: string): void;
  /** An answer to a session request; `from` lets the transport accept it only from the port it asked. */
  httpResult(from: ContentSource, id: string, response: HttpResponse | null, error: string | null): void;
  /** The content script went away (tab closed, page reloaded). */
  contentGone(tabId: number): void;
}

export const contentFrom =
  (extensionId: string, custom: CustomHostAccount = NO_CUSTOM_HOSTS) =>
  (port: RuntimePort): ContentFrom | null => {
    const sender = port.sender ?? {};
    const tabId = sender.tab?.id;
    const account = helpdeskAccountOf(sender.url, custom);
    if (!isContentScript(sender, extensionId, custom) || tabId === undefined || account === null) return null;
    // A custom host speaks for its canonical account, so its tab runs that account's session requests.
    return { tabId, port, account };
  };

/** The content script's port: where the rep is, and the answers to session requests. */
export function contentPort(deps: ContentPortDeps): PortRoute<ContentFrom> {
  const handlers = {
    location: (message, from) => deps.location(from.tabId, message.url),
    'http-result': (message, from) => deps.httpResult(from, message.id, message.response, message.error),
  } satisfies Handlers<ContentToBackground, ContentFrom>;
  return {
    table: portTable(ContentToBackground, contentFrom(deps.extensionId, deps.customHosts), handlers),
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
