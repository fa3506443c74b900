import { platformOfHost } from '../helpdesks/registry';

/**
 * Who is on the other end of a port. `sender.tab` is set for both the content
 * script and our iframe inside the helpdesk tab, so only `sender.url` tells
 * them apart (DESIGN.md, Security).
 */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export type SenderKind = 'content' | 'extension-page' | 'unknown';

export function isHelpdeskUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && platformOfHost(parsed.hostname) !== null;
  } catch {
    return false;
  }
}

/**
 * Our pages are loaded from the extension origin. With `use_dynamic_url` the
 * sidebar's host is a per-session id rather than the extension id, so the
 * check is the sender's extension id plus the scheme and the page path.
 */
export function isOurPage(sender: SenderLike, extensionId: string, pages: readonly string[]): boolean {
  if (sender.id !== extensionId || !sender.url) return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'chrome-extension:' && pages.includes(url.pathname);
  } catch {
    return false;
  }
}

/** The sidebar iframe: our page, inside a tab that shows an allowed helpdesk origin. */
export function isSidebarInHelpdeskTab(sender: SenderLike, extensionId: string): boolean {
  return (
    isOurPage(sender, extensionId, ['/sidebar.html']) &&
    typeof sender.tab?.id === 'number' &&
    isHelpdeskUrl(sender.tab.url)
  );
}

/** The content script: our extension, the top frame of a helpdesk tab, its own URL on that origin. */
export function isContentScript(sender: SenderLike, extensionId: string): boolean {
  return (
    sender.id === extensionId &&
    sender.frameId === 0 &&
    typeof sender.tab?.id === 'number' &&
    isHelpdeskUrl(sender.url)
  );
}
