import { describe, expect, it } from 'vitest';
import {
  isContentScript,
  isHelpdeskUrl,
  isOurPage,
  isSidebarInHelpdeskTab,
} from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const CHROME = { id: ID, baseUrl: `chrome-extension://${ID}/` };
const tab = (url: string) => ({ id: 7, url });

describe('isHelpdeskUrl', () => {
  it.each([
    ['https://acme.zendesk.com/agent/tickets/1', true],
    ['https://acme.freshdesk.com/a/tickets/1', true],
    ['http://acme.zendesk.com/agent/tickets/1', false],
    ['https://acme.zendesk.com.evil.com/agent', false],
    ['https://evil.com/acme.zendesk.com', false],
    ['https://zendesk.com/', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => expect(isHelpdeskUrl(url)).toBe(expected));
});

describe('isSidebarInHelpdeskTab', () => {
  const sidebar = {
    id: ID,
    url: 'chrome-extension://dynamicid123/sidebar.html',
    tab: tab('https://acme.zendesk.com/agent/tickets/1'),
  };
  it('accepts our sidebar page (dynamic URL) inside a helpdesk tab', () => {
    expect(isSidebarInHelpdeskTab(sidebar, CHROME)).toBe(true);
  });
  it.each([
    [
      'the content script (sender.url is the page)',
      { ...sidebar, url: 'https://acme.zendesk.com/agent/tickets/1' },
    ],
    ['another extension', { ...sidebar, id: 'other' }],
    ['another of our pages', { ...sidebar, url: 'chrome-extension://x/options.html' }],
    ['a tab on another site', { ...sidebar, tab: tab('https://evil.com/') }],
    ['no tab', { ...sidebar, tab: undefined }],
    ['a web page claiming the path', { ...sidebar, url: 'https://evil.com/sidebar.html' }],
  ])('refuses %s', (_, sender) => expect(isSidebarInHelpdeskTab(sender, CHROME)).toBe(false));
});

describe('isContentScript', () => {
  const content = {
    id: ID,
    url: 'https://acme.freshdesk.com/a/tickets/9',
    frameId: 0,
    tab: tab('https://acme.freshdesk.com/a/tickets/9'),
  };
  it('accepts the top frame of a helpdesk tab', () => expect(isContentScript(content, ID)).toBe(true));
  it.each([
    ['a sub-frame', { ...content, frameId: 3 }],
    ['our sidebar page', { ...content, url: 'chrome-extension://x/sidebar.html' }],
    ['a non-helpdesk page', { ...content, url: 'https://example.com/' }],
    ['another extension', { ...content, id: 'other' }],
  ])('refuses %s', (_, sender) => expect(isContentScript(sender, ID)).toBe(false));
});

describe("our pages whatever the browser's extension scheme (Firefox: the sidebar was refused as not chrome-extension:)", () => {
  const UUID = '5f1c2a7e-8d4b-4c3a-9e2f-0a1b2c3d4e5f';
  const FIREFOX = { id: 'frontline@frontline.invalid', baseUrl: `moz-extension://${UUID}/` };
  const firefoxSidebar = {
    id: FIREFOX.id,
    url: `moz-extension://${UUID}/sidebar.html`,
    tab: tab('https://acme.zendesk.com/agent/tickets/1'),
  };

  it('accepts the Firefox sidebar (moz-extension:) inside a helpdesk tab', () => {
    expect(isSidebarInHelpdeskTab(firefoxSidebar, FIREFOX)).toBe(true);
  });
  it('accepts the Firefox popup and the Chrome popup, each on its own scheme', () => {
    expect(
      isOurPage({ id: FIREFOX.id, url: `moz-extension://${UUID}/popup.html` }, FIREFOX, ['/popup.html']),
    ).toBe(true);
    expect(isOurPage({ id: ID, url: `chrome-extension://${ID}/popup.html` }, CHROME, ['/popup.html'])).toBe(
      true,
    );
  });
  it.each([
    ['a web page on https claiming the path', { ...firefoxSidebar, url: 'https://evil.com/sidebar.html' }],
    ['the helpdesk page itself', { ...firefoxSidebar, url: 'https://acme.zendesk.com/sidebar.html' }],
    [
      'a chrome-extension: URL in Firefox',
      { ...firefoxSidebar, url: `chrome-extension://${UUID}/sidebar.html` },
    ],
    ['another Firefox extension', { ...firefoxSidebar, id: 'other@example.com' }],
    ['a data: page', { ...firefoxSidebar, url: 'data:text/html,/sidebar.html' }],
  ])('refuses %s', (_, sender) => expect(isSidebarInHelpdeskTab(sender, FIREFOX)).toBe(false));
  it('refuses a moz-extension: sender in Chrome', () => {
    expect(isSidebarInHelpdeskTab({ ...firefoxSidebar, id: ID }, CHROME)).toBe(false);
  });
});
