import { afterEach, describe, expect, it, vi } from 'vitest';
import { FollowThroughPanel } from '../../../components/followthrough/FollowThroughPanel';
import { PinToggle } from '../../../components/followthrough/PinToggle';
import type { FollowItem, FollowThroughView } from '../../../lib/domain/followthrough';
import { byTestId, fire, mount, one, typeInto, unmount } from './dom';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const item = (id: string, over: Partial<FollowItem> = {}): FollowItem => ({
  ticket: { helpdesk: 'zendesk', account: 'acme.zendesk.com', id },
  subject: `Refund for order ${id}`,
  customerName: 'Cara Customer',
  status: 'open',
  rawStatus: 'open',
  ownerName: 'Ada Agent',
  escalation: 'none',
  dueAt: null,
  overdue: false,
  note: '',
  pinnedAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  changes: [],
  needsAttention: false,
  lastCheckedAt: '2026-11-23T09:57:00.000Z',
  offerUnpin: false,
  missing: false,
  ...over,
});

const view = (over: Partial<FollowThroughView> = {}): FollowThroughView => ({
  items: [
    item('1', { changes: ['customer-replied'], needsAttention: true }),
    item('2', { changes: ['reported-back'], needsAttention: true, escalation: 'reported-back' }),
    item('3', { dueAt: '2026-11-22T00:00:00.000Z', overdue: true, note: 'Call back', offerUnpin: true }),
  ],
  lastCheckedAt: '2026-11-23T09:57:00.000Z',
  checkError: null,
  badgeCount: 2,
  ...over,
});

const renderPanel = (v: FollowThroughView | null = view()) => {
  const props = { onOpen: vi.fn(), onUnpin: vi.fn(), onCheckNow: vi.fn() };
  const host = mount(<FollowThroughPanel view={v} checking={false} now={NOW} timeZone="UTC" {...props} />);
  hosts.push(host);
  return { host, ...props };
};

const text = (el: Element) => el.textContent ?? '';

describe('FollowThroughPanel', () => {
  it('shows the badge, when it last checked, and each pin with what changed', () => {
    const { host } = renderPanel();
    expect(text(one(host, 'followthrough-badge'))).toBe('2');
    expect(text(one(host, 'followthrough-checked'))).toBe('Last checked 3 min. ago');
    const items = byTestId(host, 'followthrough-item');
    expect(items.map((i) => i.getAttribute('data-ticket'))).toEqual(['1', '2', '3']);
    expect(items.map((i) => i.getAttribute('data-attention'))).toEqual(['true', 'true', 'false']);
    expect(byTestId(items[0] as HTMLElement, 'followthrough-change').map(text)).toEqual(['Customer replied']);
    expect(byTestId(items[1] as HTMLElement, 'followthrough-change').map(text)).toEqual(['Reported back']);
    const third = items[2] as HTMLElement;
    expect(text(one(third, 'followthrough-customer'))).toBe('Cara Customer');
    expect(text(one(third, 'followthrough-status'))).toBe('Open');
    expect(text(one(third, 'followthrough-owner'))).toBe('Owner: Ada Agent');
    expect(text(one(third, 'followthrough-escalation'))).toBe('Not escalated');
    expect(text(one(third, 'followthrough-due'))).toBe('Follow-up was due Nov 22');
    expect(text(third)).toContain('Call back');
    expect(text(third)).toContain('Unpin?');
  });

  it('opens, unpins and checks on request', () => {
    const { host, onOpen, onUnpin, onCheckNow } = renderPanel();
    const second = byTestId(host, 'followthrough-item')[1] as HTMLElement;
    fire(one(second, 'followthrough-open'), 'click');
    expect(onOpen).toHaveBeenCalledWith({ helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '2' });
    fire(one(second, 'followthrough-unpin'), 'click');
    expect(onUnpin).toHaveBeenCalledWith({ helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '2' });
    fire(one(host, 'followthrough-check-now'), 'click');
    expect(onCheckNow).toHaveBeenCalledTimes(1);
  });

  it('says why it could not check', () => {
    const { host } = renderPanel(
      view({
        checkError: {
          reason: 'signed-out',
          helpdesk: 'freshdesk',
          account: 'acme.freshdesk.com',
          status: 401,
        },
      }),
    );
    expect(text(one(host, 'followthrough-error'))).toBe(
      'Could not check acme.freshdesk.com: you are signed out. Open a Freshdesk tab or add your API key.',
    );
  });

  it('renders hostile text as text', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const { host } = renderPanel(
      view({ items: [item('9', { subject: hostile, customerName: hostile, note: hostile })] }),
    );
    expect(text(one(host, 'followthrough-subject'))).toBe(hostile);
    expect(host.querySelectorAll('img, script')).toHaveLength(0);
  });

  it('shows an empty list and a skeleton before the first answer', () => {
    const empty = renderPanel(view({ items: [], badgeCount: 0 }));
    expect(text(one(empty.host, 'followthrough-list'))).toContain('No pinned cases');
    expect(text(one(empty.host, 'followthrough-badge'))).toBe('0');
    const loading = renderPanel(null);
    expect(byTestId(loading.host, 'followthrough-item')).toHaveLength(0);
    expect(one(loading.host, 'followthrough').getAttribute('aria-busy')).toBe('true');
  });
});

describe('PinToggle', () => {
  const ticket = { helpdesk: 'zendesk' as const, account: 'acme.zendesk.com', id: '42' };

  it('pins with a follow-up day and a note', () => {
    const onPin = vi.fn();
    const host = mount(
      <PinToggle
        pin={{ ticket, pinned: false, dueAt: null, note: '' }}
        offer
        onPin={onPin}
        onUnpin={vi.fn()}
      />,
    );
    hosts.push(host);
    expect(text(host)).toContain('Pin this case to see it through?');
    const toggle = one(host, 'pin-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fire(toggle, 'click');
    typeInto(one(host, 'pin-due') as HTMLInputElement, '2026-11-25');
    typeInto(one(host, 'pin-note') as unknown as HTMLInputElement, '  Promised a call  ');
    fire(one(host, 'pin-form'), 'submit');
    expect(onPin).toHaveBeenCalledWith({
      dueAt: new Date(2026, 10, 25).toISOString(),
      note: 'Promised a call',
    });
    expect(byTestId(host, 'pin-form')).toHaveLength(0);
  });

  it('shows the pinned state and unpins', () => {
    const onUnpin = vi.fn();
    const host = mount(
      <PinToggle
        pin={{ ticket, pinned: true, dueAt: '2026-11-25T00:00:00.000Z', note: 'x' }}
        onPin={vi.fn()}
        onUnpin={onUnpin}
      />,
    );
    hosts.push(host);
    const toggle = one(host, 'pin-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(text(toggle)).toBe('Pinned');
    fire(toggle, 'click');
    expect(onUnpin).toHaveBeenCalledTimes(1);
  });
});
