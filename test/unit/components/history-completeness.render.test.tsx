import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressOf } from '../../../components/model/progress';
import { Sidebar, type SidebarProps } from '../../../components/Sidebar';
import type { HistoryCompleteness } from '../../../lib/domain/history-completeness';
import { byTestId, mount, one, unmount } from './dom';
import { FIXTURE_NOW, heldHistory, historySummary, makeHistory, sampleSnapshot } from './fixtures';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const CONTACT = 'https://acme.freshdesk.com/a/contacts/900';

const renderWith = (completeness: HistoryCompleteness | undefined) => {
  const snapshot = sampleSnapshot();
  const items = makeHistory(13);
  const summary = { ...historySummary(items, items.length, true), ...(completeness ? { completeness } : {}) };
  const props: SidebarProps = {
    snapshot: { ...snapshot, history: { ...snapshot.history, data: summary } },
    entries: {},
    history: heldHistory(items),
    onRetry: vi.fn(),
    onExpand: vi.fn(),
    onCollapseSidebar: vi.fn(),
    now: FIXTURE_NOW,
  };
  const host = mount(<Sidebar {...props} />);
  hosts.push(host);
  return host;
};

describe('history that says what it holds (issue 16)', () => {
  it('a history without archived tickets says so beside the count and links the contact page', () => {
    const host = renderWith({ archivedIncluded: false, scope: 'all', contactUrl: CONTACT });
    const note = one(host, 'history-completeness');
    expect(note.textContent).toContain('Archived tickets not included');
    const link = note.querySelector('a');
    expect(link?.getAttribute('href')).toBe(CONTACT);
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('an agent who sees only some tickets reads "N tickets you can see", not a total', () => {
    const host = renderWith({ archivedIncluded: false, scope: 'visible', contactUrl: CONTACT });
    expect(one(host, 'history-progress').textContent).toContain('14 tickets you can see');
    expect(one(host, 'history-progress').textContent).not.toContain('Loaded');
  });

  it('a complete history says nothing more', () => {
    const host = renderWith({ archivedIncluded: true, scope: 'all' });
    expect(byTestId(host, 'history-completeness')).toHaveLength(0);
    expect(one(host, 'history-progress').textContent).toContain('Loaded 14 of 14');
  });

  it.each([
    [1, '1 ticket you can see'],
    [1200, '1,200 tickets you can see'],
  ])('%i visible tickets read "%s"', (loaded, text) => {
    const view = {
      loaded,
      total: null,
      complete: true,
      completeness: { archivedIncluded: true, scope: 'visible' },
    } as const;
    expect(progressOf(view, 'en').text).toBe(text);
  });
});
