import { describe, expect, it } from 'vitest';
import { emptyWatch } from '../../../lib/domain/followthrough';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { later, newPin, repinned, seenPin } from '../../../lib/followthrough/pins';
import { DAY, MINUTE, pinned, START, startEach } from './engine';

const start = startEach();

describe('pins', () => {
  it('asks for attention once a follow-up date passes, until the rep opens the case', async () => {
    const { engine, helpdesk, tick, clock } = start();
    const a = helpdesk.add('zendesk', 101);
    await engine.pin({ ticket: a, dueAt: new Date(clock.now + DAY).toISOString(), note: 'Call back' });
    await engine.check();
    expect((await engine.view()).items[0]).toMatchObject({
      overdue: false,
      needsAttention: false,
      note: 'Call back',
    });

    tick(DAY + MINUTE);
    expect((await engine.check()).badgeCount).toBe(1);
    expect((await engine.view()).items[0]).toMatchObject({ overdue: true, changes: ['overdue'] });

    await engine.seen(a);
    expect((await engine.view()).items[0]).toMatchObject({
      overdue: true,
      changes: [],
      needsAttention: false,
    });

    // A new date is a new promise.
    await engine.pin({ ticket: a, dueAt: new Date(clock.now - 5 * MINUTE).toISOString() });
    expect((await engine.view()).badgeCount).toBe(1);
    expect(await engine.pinView(a)).toMatchObject({ pinned: true, note: 'Call back' });
  });

  it('orders attention first, then by follow-up date, then the oldest pins', async () => {
    const { engine, helpdesk, tick, clock } = start();
    const old = helpdesk.add('zendesk', 1);
    const later = helpdesk.add('zendesk', 2);
    const soon = helpdesk.add('zendesk', 3);
    const moved = helpdesk.add('zendesk', 4);
    await engine.pin({ ticket: old });
    tick(MINUTE);
    await engine.pin({ ticket: later, dueAt: new Date(clock.now + 5 * DAY).toISOString() });
    await engine.pin({ ticket: soon, dueAt: new Date(clock.now + 2 * DAY).toISOString() });
    await engine.pin({ ticket: moved });
    await engine.check();
    tick(MINUTE);
    helpdesk.customerReply(moved);
    await engine.check();
    expect((await engine.view()).items.map((i) => i.ticket.id)).toEqual(['4', '3', '2', '1']);
  });

  it('keeps pins across a restart (a new engine on the same database)', async () => {
    const first = start();
    const a = first.helpdesk.add('zendesk', 101);
    await first.engine.pin({ ticket: a, note: 'Promised a refund' });
    first.tick(MINUTE);
    first.helpdesk.customerReply(a);
    await first.engine.check();
    first.db.close();
    const second = start({}, first.dbName);
    const view = await second.engine.view();
    expect(view.items.map((i) => [i.ticket.id, i.note, i.changes])).toEqual([
      ['101', 'Promised a refund', ['customer-replied']],
    ]);
  });
});

describe('a pin’s state, as pure functions', () => {
  const ticket: TicketRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '101' };
  const due = START + DAY;

  it('a new follow-up date clears the overdue the rep had seen; the same date keeps it', () => {
    const item = pinned(ticket, { dueAt: due, note: 'Call back' }, { overdueSeen: due });
    expect(repinned(item, { ticket }).watch.overdueSeen).toBe(due);
    expect(repinned(item, { ticket, note: 'Refund' })).toMatchObject({
      pin: { dueAt: due, note: 'Refund' },
      watch: { overdueSeen: due },
    });
    const moved = repinned(item, { ticket, dueAt: new Date(due + DAY).toISOString() });
    expect(moved).toMatchObject({
      pin: { dueAt: due + DAY, note: 'Call back' },
      watch: { overdueSeen: null },
    });
    expect(repinned(item, { ticket, dueAt: null }).pin.dueAt).toBeNull();
  });

  it('a new pin takes what the rep saw in the cache as its baseline, or now when nothing is cached', () => {
    const cached = { ...emptyWatch(), updatedAt: '2026-11-23T09:30:00.000Z', rawStatus: 'pending' };
    expect(newPin({ ticket, note: 'n' }, cached, START)).toMatchObject({
      pin: { pinnedAt: START, lastSeenUpdate: '2026-11-23T09:30:00.000Z', note: 'n', dueAt: null },
      watch: { seenStatus: 'pending', checkedUpdate: '2026-11-23T09:30:00.000Z' },
    });
    expect(newPin({ ticket }, emptyWatch(), START).pin.lastSeenUpdate).toBe(new Date(START).toISOString());
  });

  it('seeing a case clears its moves, covers a passed date and keeps the newer of the cached and checked state', () => {
    const item = pinned(
      ticket,
      { dueAt: START - MINUTE, lastSeenUpdate: '2026-11-23T08:00:00.000Z' },
      {
        moves: ['customer-replied'],
        updatedAt: '2026-11-23T09:00:00.000Z',
        rawStatus: 'open',
        checkedUpdate: '2026-11-23T09:00:00.000Z',
      },
    );
    const staleCache = { ...item.watch, updatedAt: '2026-11-23T07:00:00.000Z', rawStatus: 'new' };
    expect(seenPin(item, staleCache, START)).toMatchObject({
      pin: { lastSeenUpdate: '2026-11-23T09:00:00.000Z' },
      watch: { moves: [], overdueSeen: START - MINUTE, seenStatus: 'open' },
    });
    const newerCache = { ...item.watch, updatedAt: '2026-11-23T09:45:00.000Z', rawStatus: 'pending' };
    expect(seenPin(item, newerCache, START)).toMatchObject({
      pin: { lastSeenUpdate: '2026-11-23T09:45:00.000Z' },
      watch: { seenStatus: 'pending', checkedUpdate: '2026-11-23T09:00:00.000Z' },
    });
    const notDue = pinned(ticket, { dueAt: START + MINUTE });
    expect(seenPin(notDue, notDue.watch, START).watch.overdueSeen).toBeNull();
  });

  it('later picks the later time and treats null as never', () => {
    expect(later(null, '2026-11-23T09:00:00.000Z')).toBe('2026-11-23T09:00:00.000Z');
    expect(later('2026-11-23T09:00:00.000Z', null)).toBe('2026-11-23T09:00:00.000Z');
    expect(later('2026-11-23T09:00:00.000Z', '2026-11-23T10:00:00+01:00')).toBe('2026-11-23T09:00:00.000Z');
    expect(later(null, null)).toBeNull();
  });
});
