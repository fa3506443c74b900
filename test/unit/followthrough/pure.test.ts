import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { formatMarker } from '../../../lib/domain/markers';
import type { Case, Entry } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { BudgetSpent, meter } from '../../../lib/followthrough/budget';
import { checkErrorOf } from '../../../lib/followthrough/check-error';
import { diffPin, offersUnpin } from '../../../lib/followthrough/diff';
import { openTicket, pickTab, ticketUrl } from '../../../lib/followthrough/open-ticket';
import { compareStamps, planMerge } from '../../../lib/followthrough/sync-merge';
import {
  CHUNK_BYTES,
  decodeMirror,
  encodeMirror,
  MAX_REMOVED,
  type MirrorPin,
  TOTAL_BYTES,
} from '../../../lib/followthrough/sync-mirror';
import {
  badgeText,
  notifyFlagged,
  readWatchSettings,
  scheduleWatcher,
  setBadge,
  WATCH_ALARM,
} from '../../../lib/followthrough/watcher';
import { HelpdeskError } from '../../../lib/helpdesks/http';

const ref: TicketRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '6130907993114' };
const NOW = Date.parse('2026-11-23T10:00:00Z');

const kase = (over: Partial<Case> = {}): Case => ({
  ref,
  subject: 'Refund',
  status: 'open',
  rawStatus: 'open',
  priority: null,
  channel: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  requesterId: '9',
  assigneeId: '5',
  groupId: null,
  tags: [],
  archived: false,
  ...over,
});

const entry = (over: Partial<Entry>): Entry => ({
  ticket: ref,
  id: '1',
  authorId: '5',
  public: true,
  fromCustomer: false,
  text: 'Hi',
  createdAt: '2026-11-23T09:00:00.000Z',
  ...over,
});

const seen = {
  lastSeenUpdate: '2026-11-23T08:00:00.000Z',
  seenStatus: 'open',
  dueAt: null,
  overdueSeen: null,
};

describe('diffPin', () => {
  const marker = formatMarker({
    kind: 'report-back',
    escalation: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    by: '7',
    returned: false,
  });

  it('tells a customer reply, a report-back and a status change apart', () => {
    const entries = [
      entry({ id: '1', fromCustomer: true, authorId: '9', createdAt: '2026-11-23T07:00:00.000Z' }),
      entry({ id: '2', fromCustomer: true, authorId: '9' }),
      entry({
        id: '3',
        public: false,
        authorId: '7',
        text: `Done\n${marker}`,
        authorIsAgent: true,
        authorConfirmed: true,
      }),
    ];
    expect(diffPin(seen, kase({ rawStatus: 'pending', status: 'pending' }), entries, NOW)).toEqual([
      'customer-replied',
      'reported-back',
      'status-changed',
    ]);
  });

  it('ignores what the rep had already seen, agents’ replies and a marker a customer pasted', () => {
    const entries = [
      entry({ id: '1', fromCustomer: true, authorId: '9', createdAt: '2026-11-23T07:00:00.000Z' }),
      entry({ id: '2' }),
      entry({
        id: '3',
        public: true,
        fromCustomer: true,
        authorId: '9',
        text: marker,
        createdAt: '2026-11-23T07:30:00.000Z',
      }),
      entry({ id: '4', public: false, text: 'internal' }),
    ];
    expect(diffPin(seen, kase(), entries, NOW)).toEqual([]);
    expect(diffPin(seen, kase(), undefined, NOW)).toEqual([]);
  });

  it('is overdue once the follow-up date passes on an open case, until seen', () => {
    const due = { ...seen, dueAt: NOW - 1 };
    expect(diffPin(due, kase(), undefined, NOW)).toEqual(['overdue']);
    expect(diffPin({ ...due, overdueSeen: NOW - 1 }, kase(), undefined, NOW)).toEqual([]);
    expect(diffPin(due, kase({ status: 'solved', rawStatus: 'open' }), undefined, NOW)).toEqual([]);
    expect(diffPin({ ...seen, dueAt: NOW + 1 }, kase(), undefined, NOW)).toEqual([]);
  });

  it('offers unpinning 3 days after a case is solved or closed', () => {
    const day = 24 * 3600 * 1000;
    expect(offersUnpin({ status: 'solved', updatedAt: new Date(NOW - 3 * day - 1).toISOString() }, NOW)).toBe(
      true,
    );
    expect(offersUnpin({ status: 'closed', updatedAt: new Date(NOW - 2 * day).toISOString() }, NOW)).toBe(
      false,
    );
    expect(offersUnpin({ status: 'open', updatedAt: new Date(NOW - 30 * day).toISOString() }, NOW)).toBe(
      false,
    );
  });
});

describe('storage.sync mirror', () => {
  const pins = (n: number, note: string): MirrorPin[] =>
    Array.from({ length: n }, (_, i) => ({
      ticket: {
        helpdesk: i % 2 ? 'freshdesk' : 'zendesk',
        account: i % 2 ? 'acme.freshdesk.com' : 'acme.zendesk.com',
        id: String(6130907993114 + i),
      },
      pinnedAt: NOW - i * 60_000,
      dueAt: i % 3 ? null : NOW + i * 60_000,
      note,
      version: 1_000 + i,
      origin: 'b1',
    }));
  const size = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;

  it('round-trips pins, ids as strings', () => {
    const removed = [{ ticket: ref, version: 7, origin: 'a1' }];
    const mirror = { at: NOW, pins: pins(3, 'Call back “tomorrow” 📞'), removed };
    const decoded = decodeMirror(encodeMirror(mirror));
    expect(decoded?.at).toBe(NOW);
    expect(decoded?.pins.sort((a, b) => b.pinnedAt - a.pinnedAt)).toEqual(mirror.pins);
    expect(decoded?.removed).toEqual(removed);
  });

  it('splits 500 pins with long notes under the per-item and total quotas, dropping notes only as needed', () => {
    const removed = Array.from({ length: 80 }, (_, i) => ({
      ticket: { ...ref, id: String(7_000_000_000_000 + i) },
      version: 9_000_000_000_000 + i,
      origin: 'abcdefgh',
    }));
    const items = encodeMirror({ at: NOW, pins: pins(500, 'n'.repeat(280)), removed });
    const sizes = Object.entries(items).map(([key, value]) => size(key, value));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8192);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(102_400);
    const decoded = decodeMirror(items);
    expect(decoded?.pins).toHaveLength(500);
    const withNotes = decoded?.pins.filter((p) => p.note !== null) ?? [];
    expect(withNotes.length).toBeGreaterThan(100);
    // The newest pins keep their notes.
    expect(Math.min(...withNotes.map((p) => p.pinnedAt))).toBeGreaterThan(
      Math.max(...(decoded?.pins.filter((p) => p.note === null).map((p) => p.pinnedAt) ?? [])),
    );
    expect(decoded?.removed).toHaveLength(MAX_REMOVED);
    expect(CHUNK_BYTES).toBeLessThan(8192);
    expect(TOTAL_BYTES).toBeLessThan(102_400);
  });

  it('ignores a half-written mirror and invalid pins', () => {
    const items = encodeMirror({ at: NOW, pins: pins(500, ''), removed: [] });
    expect(Object.keys(items).length).toBeGreaterThan(1);
    const { 'pins.1': _dropped, ...partial } = items;
    expect(decodeMirror(partial)).toBeNull();
    const bad = decodeMirror({
      pins: {
        v: 1,
        at: NOW,
        n: 1,
        p: [
          ['x', 'acme', '1', 1, 0],
          ['z', 'ev il', '1', 1, 0],
          ['z', 'acme', '12', 1, 0],
        ],
      },
    });
    expect(bad?.pins.map((p) => p.ticket.id)).toEqual(['12']);
  });

  it('still reads a version 1 mirror (no versions): its pins count as version 0', () => {
    const old = decodeMirror({ pins: { v: 1, at: NOW, n: 1, p: [['z', 'acme', '12', 1, 0, 'Call']] } });
    expect(old).toEqual({
      at: NOW,
      pins: [
        {
          ticket: { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '12' },
          pinnedAt: 1000,
          dueAt: null,
          note: 'Call',
          version: 0,
          origin: '',
        },
      ],
      removed: [],
    });
  });
});

describe('pin merge by version, not by wall clock', () => {
  const [a, b] = Array.from({ length: 2 }, (_, i) => ({
    ticket: { helpdesk: 'zendesk' as const, account: 'acme.zendesk.com', id: String(100 + i) },
    pinnedAt: NOW,
    dueAt: null,
    note: null,
  })) as [Omit<MirrorPin, 'version' | 'origin'>, Omit<MirrorPin, 'version' | 'origin'>];
  const key = (p: { ticket: TicketRef }) => `zendesk:acme.zendesk.com:${p.ticket.id}`;

  it('adds newer remote pins, removes only on a newer removal record, keeps pins the mirror has not seen', () => {
    const remote = {
      // An hour ahead by the writer's clock: not compared.
      at: NOW + 3_600_000,
      pins: [{ ...b, version: 5, origin: 'fast' }],
      removed: [{ ticket: a.ticket, version: 4, origin: 'fast' }],
    };
    const mine = { ticket: { ...a.ticket, id: '300' } };
    const plan = planMerge(
      {
        pins: [
          { caseKey: key(a), stamp: { version: 3, origin: 'here' } },
          { caseKey: key(mine), stamp: { version: 9, origin: 'here' } },
        ],
        removed: [],
      },
      remote,
    );
    expect(plan.add).toEqual([remote.pins[0]]);
    expect(plan.remove).toEqual([key(a)]);
    expect(plan.removals).toEqual(remote.removed);
    expect(plan.writeBack).toBe(true);
    expect(plan.seen).toBe(5);
  });

  it('a pin changed here after the removal was seen survives it; equal versions break ties by origin', () => {
    const removal = { ticket: a.ticket, version: 4, origin: 'm' };
    const remote = { at: 0, pins: [], removed: [removal] };
    const keep = planMerge(
      { pins: [{ caseKey: key(a), stamp: { version: 5, origin: 'a' } }], removed: [] },
      remote,
    );
    expect(keep).toMatchObject({ remove: [], writeBack: true });
    const tieLost = planMerge(
      { pins: [{ caseKey: key(a), stamp: { version: 4, origin: 'a' } }], removed: [] },
      remote,
    );
    expect(tieLost.remove).toEqual([key(a)]);
    const tieWon = planMerge(
      { pins: [{ caseKey: key(a), stamp: { version: 4, origin: 'z' } }], removed: [] },
      remote,
    );
    expect(tieWon.remove).toEqual([]);
    expect(compareStamps({ version: 4, origin: 'z' }, removal)).toBeGreaterThan(0);
  });

  it('an unpin here is not undone by a stale mirror that still has the pin', () => {
    const remote = { at: NOW + 3_600_000, pins: [{ ...a, version: 2, origin: 'fast' }], removed: [] };
    const plan = planMerge({ pins: [], removed: [{ ticket: a.ticket, version: 3, origin: 'here' }] }, remote);
    expect(plan).toMatchObject({ add: [], writeBack: true });
  });

  it('nothing to do when the mirror says what this browser knows', () => {
    const pin = { ...a, version: 2, origin: 'x' };
    expect(
      planMerge(
        { pins: [{ caseKey: key(a), stamp: { version: 2, origin: 'x' } }], removed: [] },
        {
          at: 0,
          pins: [pin],
          removed: [],
        },
      ),
    ).toEqual({ add: [], update: [], removals: [], remove: [], writeBack: false, seen: 2 });
    expect(
      planMerge({ pins: [{ caseKey: 'x', stamp: { version: 1, origin: 'x' } }], removed: [] }, null)
        .writeBack,
    ).toBe(true);
  });
});

describe('opening a ticket', () => {
  const fd: TicketRef = { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '223' };

  it('builds the agent URL', () => {
    expect(ticketUrl(ref)).toBe('https://acme.zendesk.com/agent/tickets/6130907993114');
    expect(ticketUrl(fd)).toBe('https://acme.freshdesk.com/a/tickets/223');
  });

  it('prefers a tab already on the ticket, then the account’s most recent tab', () => {
    const tabs = [
      { id: 1, url: 'https://other.zendesk.com/agent/tickets/6130907993114', lastAccessed: 9 },
      { id: 2, url: 'https://acme.zendesk.com/agent/dashboard', lastAccessed: 5 },
      { id: 3, url: 'https://acme.zendesk.com/agent/tickets/1', lastAccessed: 7 },
      { id: 4, url: 'https://acme.zendesk.com.evil.test/agent/tickets/6130907993114', lastAccessed: 10 },
    ];
    expect(pickTab(tabs, ref)?.id).toBe(3);
    expect(pickTab([...tabs, { id: 5, url: ticketUrl(ref), lastAccessed: 1 }], ref)?.id).toBe(5);
    expect(pickTab(tabs, fd)).toBeNull();
  });

  it('navigates that tab or opens a new one', async () => {
    const calls: unknown[] = [];
    let open = [{ id: 7, url: 'https://acme.zendesk.com/agent/dashboard' }];
    // Only the three calls openTicket makes; WXT's fake tabs do not filter by URL pattern.
    const tabs = {
      query: async (info: { url: string }) => {
        calls.push(['query', info.url]);
        return open;
      },
      update: async (id: number, props: object) => calls.push(['update', id, props]),
      create: async (props: object) => calls.push(['create', props]),
    } as unknown as Parameters<typeof openTicket>[0];
    await openTicket(tabs, ref);
    open = [];
    await openTicket(tabs, fd);
    expect(calls).toEqual([
      ['query', 'https://acme.zendesk.com/*'],
      ['update', 7, { url: ticketUrl(ref), active: true }],
      ['query', 'https://acme.freshdesk.com/*'],
      ['create', { url: ticketUrl(fd) }],
    ]);
  });
});

describe('watcher wiring', () => {
  it('schedules the alarm once per period', async () => {
    await scheduleWatcher(browser.alarms, 5);
    const first = await browser.alarms.get(WATCH_ALARM);
    expect(first?.periodInMinutes).toBe(5);
    await scheduleWatcher(browser.alarms, 5);
    expect((await browser.alarms.get(WATCH_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
    await scheduleWatcher(browser.alarms, 15);
    expect((await browser.alarms.get(WATCH_ALARM))?.periodInMinutes).toBe(15);
  });

  it('reads the interval and notifications setting with defaults', async () => {
    expect(await readWatchSettings(browser.storage.local)).toEqual({
      watchIntervalMinutes: 5,
      notifications: false,
    });
    await browser.storage.local.set({ settings: { watchIntervalMinutes: 10, notifications: true } });
    expect(await readWatchSettings(browser.storage.local)).toEqual({
      watchIntervalMinutes: 10,
      notifications: true,
    });
    await browser.storage.local.set({ settings: { watchIntervalMinutes: 0, notifications: 'yes' } });
    expect(await readWatchSettings(browser.storage.local)).toEqual({
      watchIntervalMinutes: 5,
      notifications: false,
    });
  });

  it('sets the badge', async () => {
    await setBadge(browser.action, 2);
    expect(await browser.action.getBadgeText({})).toBe('2');
    await setBadge(browser.action, 0);
    expect(await browser.action.getBadgeText({})).toBe('');
    expect(badgeText(250)).toBe('99+');
  });

  it('notifies each newly flagged pin, or sums up many', async () => {
    const item = {
      ticket: ref,
      subject: 'Refund',
      changes: ['customer-replied' as const, 'overdue' as const],
    } as Parameters<typeof notifyFlagged>[1][number];
    await notifyFlagged(browser.notifications, [item]);
    const shown = await browser.notifications.getAll();
    expect(Object.values(shown)).toEqual([
      expect.objectContaining({ title: 'Refund', message: 'Customer replied, Follow-up due' }),
    ]);
    await notifyFlagged(browser.notifications, [item, item, item, item]);
    expect(Object.values(await browser.notifications.getAll())).toContainEqual(
      expect.objectContaining({ message: '4 pinned cases need you' }),
    );
  });
});

describe('budget and errors', () => {
  it('refuses requests past the budget', async () => {
    const m = meter(async () => ({ status: 200, headers: {}, body: '{}' }), 2);
    await m.client({ method: 'GET', path: '/api/v2/x' });
    await m.client({ method: 'GET', path: '/api/v2/x' });
    await expect(m.client({ method: 'GET', path: '/api/v2/x' })).rejects.toBeInstanceOf(BudgetSpent);
    expect([m.used(), m.left()]).toEqual([2, 0]);
  });

  it('turns a failure into a reason a rep understands', () => {
    expect(
      checkErrorOf(new HelpdeskError('forbidden', 'GET x', 'no', 403), 'zendesk', 'a.zendesk.com'),
    ).toEqual({
      reason: 'forbidden',
      helpdesk: 'zendesk',
      account: 'a.zendesk.com',
      status: 403,
    });
    expect(
      checkErrorOf(new HelpdeskError('network', 'GET x', 'down'), 'freshdesk', 'a.freshdesk.com').reason,
    ).toBe('offline');
    expect(checkErrorOf(new Error('boom'), 'zendesk', 'a.zendesk.com').reason).toBe('unexpected');
  });
});
