import { describe, expect, it } from 'vitest';
import { contentFrom } from '../../../lib/messaging/ports/content';
import { sidebarFrom } from '../../../lib/messaging/ports/sidebar';
import type { RuntimePort } from '../../../lib/messaging/ports/table';
import {
  helpdeskAccountOf,
  isContentScript,
  isHelpdeskUrl,
  isSidebarInHelpdeskTab,
  type SenderLike,
} from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const SELF = { id: ID, baseUrl: `chrome-extension://${ID}/` };
const PAGE = 'https://support.acme.com/a/tickets/7';
/** Registered AND granted: what lib/hosts/table.ts answers for a host in force. */
const inForce = (host: string) => (host === 'support.acme.com' ? 'acme.freshdesk.com' : null);

const content: SenderLike = { id: ID, url: PAGE, frameId: 0, tab: { id: 3, url: PAGE } };
const sidebar: SenderLike = { id: ID, url: 'chrome-extension://dyn/sidebar.html', tab: { id: 3, url: PAGE } };
const port = (sender: SenderLike): RuntimePort => ({
  name: 'x',
  sender,
  postMessage: () => undefined,
  disconnect: () => undefined,
  onMessage: { addListener: () => undefined },
  onDisconnect: { addListener: () => undefined },
});

describe('sender checks on a custom helpdesk host', () => {
  it('refuse a content script and a sidebar on a custom host that is not in force (the finding: unknown hosts are not helpdesks)', () => {
    expect(isContentScript(content, ID)).toBe(false);
    expect(isSidebarInHelpdeskTab(sidebar, SELF)).toBe(false);
    expect(isContentScript(content, ID, () => null)).toBe(false);
  });

  it('accept them on a host that is registered and granted', () => {
    expect(isContentScript(content, ID, inForce)).toBe(true);
    expect(isSidebarInHelpdeskTab(sidebar, SELF, inForce)).toBe(true);
  });

  it.each([
    ['http on that host', 'http://support.acme.com/a/tickets/7'],
    ['another port on that host', 'https://support.acme.com:8443/a/tickets/7'],
    ['a host that only ends like it', 'https://evil-support.acme.com/a/tickets/7'],
    ['a host with it as a prefix', 'https://support.acme.com.evil.com/a/tickets/7'],
  ])('refuse %s', (_, url) => {
    expect(isHelpdeskUrl(url, inForce)).toBe(false);
    expect(isContentScript({ ...content, url, tab: { id: 3, url } }, ID, inForce)).toBe(false);
  });

  it("name the canonical account, so the tab's session requests and tickets are the account's", () => {
    expect(helpdeskAccountOf(PAGE, inForce)).toBe('acme.freshdesk.com');
    expect(helpdeskAccountOf('https://acme.freshdesk.com/a/tickets/7', inForce)).toBe('acme.freshdesk.com');
    expect(contentFrom(ID, inForce)(port(content))).toMatchObject({
      tabId: 3,
      account: 'acme.freshdesk.com',
    });
    expect(contentFrom(ID)(port(content))).toBeNull();
    expect(sidebarFrom(SELF, inForce)(port(sidebar))).toEqual({ tabId: 3 });
    expect(sidebarFrom(SELF)(port(sidebar))).toBeNull();
  });
});
