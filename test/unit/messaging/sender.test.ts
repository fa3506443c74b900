import { describe, expect, it } from 'vitest';
import { isContentScript, isHelpdeskUrl, isSidebarInHelpdeskTab } from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
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
    expect(isSidebarInHelpdeskTab(sidebar, ID)).toBe(true);
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
  ])('refuses %s', (_, sender) => expect(isSidebarInHelpdeskTab(sender, ID)).toBe(false));
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
