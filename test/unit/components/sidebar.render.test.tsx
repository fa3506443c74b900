import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sidebar, type SidebarProps } from '../../../components/Sidebar';
import type { SidebarSnapshot } from '../../../lib/domain/snapshot';
import { byTestId, fire, mount, one, typeInto, unmount } from './dom';
import {
  CURRENT_CASE,
  CURRENT_ID,
  FIXTURE_NOW,
  HOSTILE,
  heldHistory,
  historySummary,
  makeHistory,
  sampleEntries,
  sampleHistory,
  sampleSnapshot,
} from './fixtures';

const hosts: HTMLElement[] = [];

const renderSidebar = (props: Partial<SidebarProps> = {}) => {
  const all: SidebarProps = {
    snapshot: sampleSnapshot(),
    entries: {},
    history: sampleHistory(),
    onRetry: vi.fn(),
    onExpand: vi.fn(),
    onCollapseSidebar: vi.fn(),
    now: FIXTURE_NOW,
    ...props,
  };
  const host = mount(<Sidebar {...all} />);
  hosts.push(host);
  return { host, props: all };
};

afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const text = (el: Element) => el.textContent ?? '';

describe('Sidebar', () => {
  it('a switched-to ticket paints its card before its held rows, which follow a frame later (warm switch)', async () => {
    const host = mount(<div />);
    hosts.push(host);
    render(
      <Sidebar
        snapshot={sampleSnapshot()}
        entries={{}}
        history={sampleHistory()}
        onRetry={vi.fn()}
        onExpand={vi.fn()}
        onCollapseSidebar={vi.fn()}
        now={FIXTURE_NOW}
      />,
      host,
    );
    expect(text(one(host, 'ticket-subject'))).toBe(CURRENT_CASE.subject);
    expect(byTestId(host, 'case-history-item')).toHaveLength(0);
    await vi.waitFor(() => expect(byTestId(host, 'case-history-item').length).toBeGreaterThan(0));
    expect(text(one(host, 'history-progress'))).toContain('Loaded 25 of 1,240');
  });

  it('a switch paints the new ticket’s header and cards first; its credit panel and history mount a frame later', async () => {
    const host = mount(<div />);
    hosts.push(host);
    const props = {
      entries: {},
      onRetry: vi.fn(),
      onExpand: vi.fn(),
      onCollapseSidebar: vi.fn(),
      now: FIXTURE_NOW,
    };
    const first = sampleSnapshot();
    render(<Sidebar snapshot={first} {...props} />, host);
    const panelShown = () => byTestId(one(host, 'credit-panel'), 'section-live').length === 1;
    expect(panelShown()).toBe(true);
    const next: SidebarSnapshot = {
      ...first,
      ticket: { ...first.ticket, id: '99999' },
      case: { ...first.case, data: first.case.data && { ...first.case.data, subject: 'The next ticket' } },
    };
    render(<Sidebar snapshot={next} {...props} />, host);
    expect(text(one(host, 'ticket-subject'))).toBe('The next ticket');
    // Nothing of the ticket before shows in the meantime: both sections are placeholders.
    expect(panelShown()).toBe(false);
    expect(one(host, 'case-history').getAttribute('aria-busy')).toBe('true');
    expect(byTestId(host, 'case-history-filter')).toHaveLength(0);
    await vi.waitFor(() => expect(byTestId(host, 'case-history-filter')).toHaveLength(1));
    expect(panelShown()).toBe(true);
  });

  it('shows every section with its stable test hook', () => {
    const { host } = renderSidebar();
    for (const id of [
      'sidebar-root',
      'customer-card',
      'owner',
      'escalation-status',
      'case-history',
      'case-history-filter',
      'history-progress',
    ]) {
      expect(byTestId(host, id), id).toHaveLength(1);
    }
    expect(text(one(host, 'ticket-subject'))).toBe(CURRENT_CASE.subject);
    expect(text(one(host, 'history-progress'))).toContain('Loaded 25 of 1,240');
    expect(text(one(host, 'customer-card'))).toContain('updated 12 sec. ago');
    expect(text(one(host, 'owner'))).toContain('claimed');
    expect(text(one(host, 'escalation-status'))).toContain('Overdue');
  });

  it('renders hostile helpdesk text literally and creates no element from it', () => {
    const { host } = renderSidebar({ entries: { [CURRENT_ID]: sampleEntries(CURRENT_ID) } });
    const root = one(host, 'sidebar-root');
    expect(text(one(host, 'ticket-subject'))).toContain(HOSTILE.script);
    expect(text(one(host, 'customer-card'))).toContain(HOSTILE.name);
    expect(text(one(host, 'customer-card'))).toContain(HOSTILE.img);
    expect(root.querySelectorAll('script, img, b, iframe, object')).toHaveLength(0);
    for (const el of Array.from(root.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), attr.name).toBe(false);
    }
  });

  it('shows a skeleton before the first snapshot', () => {
    const { host } = renderSidebar({ snapshot: null });
    expect(byTestId(host, 'ticket-subject')).toHaveLength(0);
    for (const id of ['customer-card', 'owner', 'escalation-status', 'case-history']) {
      expect(one(host, id).getAttribute('aria-busy'), id).toBe('true');
    }
    expect(byTestId(host, 'section-error')).toHaveLength(0);
  });

  it('a case sent before its credit and casework views shows credits loading, not off, and no casework controls', () => {
    // As lib/sync/publisher.ts sends the first snapshot holding the case.
    const { host } = renderSidebar({
      snapshot: sampleSnapshot({
        credit: { data: null, refreshing: true, error: null, updatedAt: null },
        casework: null,
      }),
      onCasework: vi.fn(),
    });
    expect(text(one(host, 'ticket-subject'))).toBe(CURRENT_CASE.subject);
    const credit = one(host, 'credit-panel');
    expect(credit.getAttribute('aria-busy')).toBe('true');
    expect(credit.querySelectorAll('.fl-skel')).toHaveLength(1);
    expect(byTestId(credit, 'credit-disabled')).toHaveLength(0);
    expect(byTestId(credit, 'section-error')).toHaveLength(0);
    expect(byTestId(host, 'claim-ownership')).toHaveLength(0);
  });

  it('shows an error in the failing section only, with a retry', () => {
    const snapshot = sampleSnapshot();
    const failing: SidebarSnapshot = {
      ...snapshot,
      history: {
        data: null,
        refreshing: false,
        error: { message: 'Zendesk could not load this customer’s tickets', status: 500, retryable: true },
        updatedAt: null,
      },
    };
    const { host, props } = renderSidebar({ snapshot: failing });
    const errors = byTestId(host, 'section-error');
    expect(errors).toHaveLength(1);
    expect(one(host, 'case-history').contains(errors[0] as Node)).toBe(true);
    expect(text(errors[0] as Element)).toContain('Zendesk could not load this customer’s tickets (500)');
    fire(errors[0]?.querySelector('button') as Element, 'click');
    expect(props.onRetry).toHaveBeenCalledWith('history');
    expect(text(one(host, 'owner'))).toContain('Ana Lee');
  });

  it('keeps cached data under an error and offers no retry when retrying cannot help', () => {
    const snapshot = sampleSnapshot();
    const { host } = renderSidebar({
      snapshot: {
        ...snapshot,
        owner: {
          ...snapshot.owner,
          error: { message: 'Zendesk refused access to this ticket’s audits', status: 403, retryable: false },
        },
      },
    });
    const error = one(host, 'section-error');
    expect(text(error)).toContain('(403)');
    expect(error.querySelector('button')).toBeNull();
    expect(text(one(host, 'owner'))).toContain('Ana Lee');
  });

  it('shows the offline banner over cached data, and the sign-in prompt', () => {
    const { host } = renderSidebar({ snapshot: sampleSnapshot({ offline: true, signedOut: true }) });
    expect(text(one(host, 'offline-banner'))).toContain('12 sec. ago');
    expect(text(one(host, 'signed-out'))).toBe('Sign in to Zendesk to see this ticket’s context.');
    expect(text(one(host, 'ticket-subject'))).toBe(CURRENT_CASE.subject);
  });

  it('says so when there are no credits', () => {
    const snapshot = sampleSnapshot();
    const customer = snapshot.customer.data;
    if (!customer) throw new Error('fixture has a customer');
    const { host } = renderSidebar({
      snapshot: { ...snapshot, customer: { ...snapshot.customer, data: { ...customer, credits: [] } } },
    });
    expect(text(one(host, 'customer-card'))).toContain('No credits in the last 90 days');
  });

  it('collapses on Escape, but Escape in a filled filter only clears it', () => {
    const { host, props } = renderSidebar();
    const filter = one(host, 'case-history-filter') as HTMLInputElement;
    typeInto(filter, 'order');
    fire(filter, 'keydown', { key: 'Escape' });
    expect(props.onCollapseSidebar).not.toHaveBeenCalled();
    expect(filter.value).toBe('');
    fire(filter, 'keydown', { key: 'Escape' });
    expect(props.onCollapseSidebar).toHaveBeenCalledTimes(1);
  });
});

describe('case history', () => {
  const withHistory = (count: number): Partial<SidebarProps> => {
    const snapshot = sampleSnapshot();
    const items = makeHistory(count);
    return {
      snapshot: {
        ...snapshot,
        history: { ...snapshot.history, data: historySummary(items, items.length, true) },
      },
      history: heldHistory(items),
    };
  };

  it('renders only the visible rows of 5,000 tickets', () => {
    const { host } = renderSidebar(withHistory(5000));
    const rows = byTestId(host, 'case-history-item');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]?.getAttribute('aria-current')).toBe('true');
    expect(text(one(host, 'history-progress'))).toContain('Loaded 5,001 of 5,001');
  });

  it('filters by text and by status', () => {
    const { host } = renderSidebar(withHistory(200));
    typeInto(one(host, 'case-history-filter') as HTMLInputElement, '#1042 arrived');
    expect(byTestId(host, 'case-history-item').map((row) => row.dataset.ticketId)).toEqual(['4000000158']);
    expect(text(one(host, 'history-progress'))).toContain('Showing 1 of 201');
    typeInto(one(host, 'case-history-filter') as HTMLInputElement, '');
    const status = one(host, 'case-history-status') as HTMLSelectElement;
    // linkedom's select has no value setter; selecting the option is what a rep's click does anyway.
    status.querySelector('option[value="new"]')?.setAttribute('selected', '');
    fire(status, 'change');
    const rows = byTestId(host, 'case-history-item');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => text(row).includes('New'))).toBe(true);
  });

  it('expands a ticket on click, asks for its entries, and shows them as text with safe links', () => {
    const { host, props } = renderSidebar();
    const row = byTestId(host, 'case-history-item')[1] as HTMLElement;
    const id = row.dataset.ticketId ?? '';
    fire(row, 'click');
    expect(props.onExpand).toHaveBeenCalledWith(id);
    expect(row.getAttribute('aria-expanded')).toBe('true');

    const loaded = renderSidebar({ entries: { [id]: sampleEntries(id) } });
    const again = byTestId(loaded.host, 'case-history-item').find(
      (r) => r.dataset.ticketId === id,
    ) as HTMLElement;
    fire(again, 'click');
    const entries = byTestId(loaded.host, 'case-entry');
    expect(entries.map((e) => e.dataset.kind)).toEqual(['public', 'private', 'public']);
    expect(text(entries[1] as Element)).toContain('Private note');
    const links = Array.from(entries[0]?.querySelectorAll('a') ?? []);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://track.example.com/p?id=42']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(text(entries[0] as Element)).toContain(HOSTILE.img);
    expect(entries[0]?.querySelector('img')).toBeNull();
  });

  it('folds a long body behind "Show more"', () => {
    const { host } = renderSidebar({ entries: { [CURRENT_ID]: sampleEntries(CURRENT_ID) } });
    fire(byTestId(host, 'case-history-item')[0] as Element, 'click');
    const note = byTestId(host, 'case-entry')[1] as HTMLElement;
    const before = text(note).length;
    const more = Array.from(note.querySelectorAll('button')).find(
      (b) => text(b) === 'Show more',
    ) as HTMLElement;
    fire(more, 'click');
    expect(text(note).length).toBeGreaterThan(before);
    expect(Array.from(note.querySelectorAll('button')).map(text)).toContain('Show less');
  });

  it('shows an entries error with a retry that asks again', () => {
    const error = { message: 'Zendesk failed to load the comments', status: 500, retryable: true };
    const { host, props } = renderSidebar({ entries: { [CURRENT_ID]: { error } } });
    fire(byTestId(host, 'case-history-item')[0] as Element, 'click');
    const notice = one(one(host, 'case-history'), 'section-error');
    expect(text(notice)).toContain('(500)');
    fire(notice.querySelector('button') as Element, 'click');
    expect(props.onExpand).toHaveBeenLastCalledWith(CURRENT_ID);
  });

  it('moves the single tab stop with the arrow keys', () => {
    const { host } = renderSidebar();
    // Preact sets the tabIndex property; linkedom stores it as an attribute under that exact case.
    const tabbable = () =>
      byTestId(host, 'case-history-item').filter((r) => r.getAttribute('tabIndex') === '0');
    expect(tabbable().map((r) => r.dataset.rowIndex)).toEqual(['0']);
    fire(tabbable()[0] as Element, 'keydown', { key: 'ArrowDown' });
    expect(tabbable().map((r) => r.dataset.rowIndex)).toEqual(['1']);
    fire(tabbable()[0] as Element, 'keydown', { key: 'End' });
    expect(tabbable().map((r) => r.dataset.rowIndex)).toEqual(['24']);
  });
});
