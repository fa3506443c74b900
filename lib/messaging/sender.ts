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

/**
 * The canonical account of a custom helpdesk host that is registered AND granted
 * (lib/hosts/table.ts), or null. Without one, only the helpdesks' own domains count.
 */
export type CustomHostAccount = (host: string) => string | null;

export const NO_CUSTOM_HOSTS: CustomHostAccount = () => null;

export function isHelpdeskUrl(url: string | undefined, custom: CustomHostAccount = NO_CUSTOM_HOSTS): boolean {
  return helpdeskAccountOf(url, custom) !== null;
}

/** The account a helpdesk page's URL belongs to: its own host, or a custom host's canonical account. */
export function helpdeskAccountOf(
  url: string | undefined,
  custom: CustomHostAccount = NO_CUSTOM_HOSTS,
): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return null;
    if (platformOfHost(parsed.hostname) !== null) return parsed.host;
    return parsed.port === '' ? custom(parsed.hostname) : null;
  } catch {
    return null;
  }
}

/**
 * This extension as the background sees it: its id and its own base URL
 * (`runtime.getURL('/')`: `chrome-extension://ID/` in Chrome, `moz-extension://UUID/` in Firefox).
 */
export interface ExtensionSelf {
  id: string;
  baseUrl: string;
}

/**
 * Our pages are loaded from the extension's own scheme. With `use_dynamic_url` the sidebar's host
 * in Chrome is a per-session id rather than the one in `baseUrl`, so the check is the sender's
 * extension id plus our scheme (whichever the browser uses) and the page path; a web page, whose
 * scheme is https, never passes.
 */
export function isOurPage(sender: SenderLike, self: ExtensionSelf, pages: readonly string[]): boolean {
  if (sender.id !== self.id || !sender.url) return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === new URL(self.baseUrl).protocol && pages.includes(url.pathname);
  } catch {
    return false;
  }
}

/** The sidebar iframe: our page, inside a tab that shows an allowed helpdesk origin. */
export function isSidebarInHelpdeskTab(
  sender: SenderLike,
  self: ExtensionSelf,
  custom: CustomHostAccount = NO_CUSTOM_HOSTS,
): boolean {
  return (
    isOurPage(sender, self, ['/sidebar.html']) &&
    typeof sender.tab?.id === 'number' &&
    isHelpdeskUrl(sender.tab.url, custom)
  );
}

/** The content script: our extension, the top frame of a helpdesk tab, its own URL on that origin. */
export function isContentScript(
  sender: SenderLike,
  extensionId: string,
  custom: CustomHostAccount = NO_CUSTOM_HOSTS,
): boolean {
  return (
    sender.id === extensionId &&
    sender.frameId === 0 &&
    typeof sender.tab?.id === 'number' &&
    isHelpdeskUrl(sender.url, custom)
  );
}
