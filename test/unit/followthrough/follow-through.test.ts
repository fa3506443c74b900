import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMarker } from '../../../lib/domain/markers';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { DAY, MINUTE, setup } from './engine';
import { AGENT, HOLDER } from './fake-helpdesk';

const ESCALATION = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const reportBack = `Done, refund issued.\n${formatMarker({
  kind: 'report-back',
  escalation: ESCALATION,
  by: String(HOLDER),
  returned: false,
})}`;

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const start = (...args: Parameters<typeof setup>) => {
  const s = setup(...args);
  opened.push(s.db);
  return s;
};

describe('follow-through engine', () => {
  it('finds a customer reply and a report-back after one cycle; opening one clears it', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    const b = helpdesk.add('zendesk', 102);
    const c = helpdesk.add('freshdesk', 201);
    tick(MINUTE);
    for (const ticket of [a, b, c]) await engine.pin({ ticket });
    expect((await engine.check()).badgeCount).toBe(0);

    tick(MINUTE);
    helpdesk.customerReply(c);
    helpdesk.note(b, reportBack);
    const result = await engine.check();
    expect(result.badgeCount).toBe(2);
    expect(result.newlyFlagged.map((i) => i.ticket.id).sort()).toEqual(['102', '201']);

    const view = await engine.view();
    expect(view.badgeCount).toBe(2);
    expect(view.items.map((i) => [i.ticket.id, i.changes])).toEqual([
      ['102', ['reported-back']],
      ['201', ['customer-replied']],
      ['101', []],
    ]);
    expect(view.items[0]?.needsAttention).toBe(true);
    expect(view.items[2]?.needsAttention).toBe(false);
    expect(view.items[0]?.subject).toBe('Ticket 102');
    expect(view.lastCheckedAt).toBe(new Date(Date.parse('2026-11-23T10:02:00Z')).toISOString());

    await engine.seen(c);
    const after = await engine.view();
    expect(after.badgeCount).toBe(1);
    expect(after.items.find((i) => i.ticket.id === '201')?.changes).toEqual([]);

    // Nothing new: the next cycle keeps the report-back flagged and does not re-flag the reply.
    tick(MINUTE);
    const again = await engine.check();
    expect(again.badgeCount).toBe(1);
    expect(again.newlyFlagged).toEqual([]);
  });

  it('flags a status change but not the rep’s own reply', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    const b = helpdesk.add('freshdesk', 202);
    await engine.pin({ ticket: a });
    await engine.pin({ ticket: b });
    await engine.check();
    tick(MINUTE);
    helpdesk.agentReply(a);
    helpdesk.setStatus(b, 'pending');
    await engine.check();
    const view = await engine.view();
    expect(view.items.map((i) => [i.ticket.id, i.changes, i.status])).toEqual([
      ['202', ['status-changed'], 'pending'],
      ['101', [], 'open'],
    ]);
  });

  it('fetches entries only for tickets that moved', async () => {
    const { engine, helpdesk, tick } = start();
    const refs = [101, 102, 103].map((id) => helpdesk.add('zendesk', id));
    for (const ticket of refs) await engine.pin({ ticket });
    await engine.check();
    helpdesk.reset();
    tick(MINUTE);
    helpdesk.customerReply(refs[1] as (typeof refs)[number]);
    const result = await engine.check();
    const paths = helpdesk.requests.map((r) => r.request.path.split('?')[0]);
    expect(paths.sort()).toEqual([
      '/api/v2/tickets/102.json',
      '/api/v2/tickets/102/audits.json',
      '/api/v2/tickets/show_many.json',
      // The owner's name, once: it is cached for the next cycles.
      '/api/v2/users/show_many.json',
    ]);
    expect(result.requests).toBe(4);

    helpdesk.reset();
    tick(MINUTE);
    helpdesk.customerReply(refs[2] as (typeof refs)[number]);
    expect((await engine.check()).requests).toBe(3);
  });

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

  it('offers to unpin a case solved more than 3 days ago, and marks one the helpdesk lost', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    const gone = helpdesk.add('freshdesk', 202);
    await engine.pin({ ticket: a });
    await engine.pin({ ticket: gone });
    helpdesk.setStatus(a, 'solved');
    helpdesk.remove(gone);
    await engine.check();
    let items = (await engine.view()).items;
    expect(items.find((i) => i.ticket.id === '101')?.offerUnpin).toBe(false);
    expect(items.find((i) => i.ticket.id === '202')?.missing).toBe(true);
    tick(3 * DAY + MINUTE);
    await engine.check();
    items = (await engine.view()).items;
    expect(items.find((i) => i.ticket.id === '101')?.offerUnpin).toBe(true);

    await engine.unpin(a);
    expect((await engine.view()).items.map((i) => i.ticket.id)).toEqual(['202']);
    expect(await engine.pinView(a)).toMatchObject({ pinned: false });
  });

  it('says why it could not check, and keeps the last good time', async () => {
    const { engine, helpdesk, tick } = start();
    await engine.pin({ ticket: helpdesk.add('zendesk', 101) });
    await engine.check();
    const good = (await engine.view()).lastCheckedAt;
    tick(MINUTE);
    helpdesk.failNext(new HelpdeskError('signed-out', 'GET /api/v2/tickets/show_many', 'no session', 401));
    const result = await engine.check();
    expect(result.error).toEqual({
      reason: 'signed-out',
      helpdesk: 'zendesk',
      account: 'acme.zendesk.com',
      status: 401,
    });
    const view = await engine.view();
    expect(view.checkError?.reason).toBe('signed-out');
    expect(view.lastCheckedAt).toBe(good);

    helpdesk.failNext(null);
    await engine.check();
    expect((await engine.view()).checkError).toBeNull();
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

  it('names the owner from the cache or the helpdesk', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    await engine.pin({ ticket: a });
    tick(MINUTE);
    helpdesk.customerReply(a);
    await engine.check();
    const item = (await engine.view()).items[0];
    expect(item?.ownerName).toBe(`Agent ${AGENT}`);
    expect(item?.escalation).toBe('none');
  });
});

describe('storage.sync mirror', () => {
  it('brings pins to another browser and takes unpins there too', async () => {
    const a = start();
    const t1 = a.helpdesk.add('zendesk', 101);
    const t2 = a.helpdesk.add('freshdesk', 202);
    await a.engine.pin({ ticket: t1, note: 'Refund', dueAt: '2026-11-25T09:00:00.000Z' });
    await a.engine.pin({ ticket: t2 });

    // Another browser: its own database, the same synced storage.
    const b = start();
    b.tick(MINUTE);
    await b.engine.mergeSync();
    expect((await b.engine.view()).items.map((i) => [i.ticket.id, i.note, i.dueAt])).toEqual([
      ['101', 'Refund', '2026-11-25T09:00:00.000Z'],
      ['202', '', null],
    ]);

    a.tick(2 * MINUTE);
    await a.engine.unpin(t1);
    b.tick(3 * MINUTE);
    await b.engine.mergeSync();
    expect((await b.engine.view()).items.map((i) => i.ticket.id)).toEqual(['202']);
  });
});

describe('pin mirror across machines whose clocks disagree', () => {
  const HOUR = 60 * MINUTE;
  const ticket = (id: number): TicketRef => ({
    helpdesk: 'zendesk',
    account: 'acme.zendesk.com',
    id: String(id),
  });
  const ids = async (engine: ReturnType<typeof start>['engine']) =>
    (await engine.view()).items.map((i) => i.ticket.id).sort();

  it('a machine with a clock 1 hour fast cannot delete a newer pin', async () => {
    const a = start();
    const fast = start();
    fast.tick(HOUR);
    await fast.engine.pin({ ticket: ticket(1) });
    await a.engine.mergeSync();
    a.tick(5 * MINUTE);
    // Pinned here after this browser took in everything the fast machine had written.
    await a.engine.pin({ ticket: ticket(2) });
    // The fast machine has not received that yet; its next write lacks the pin and claims a later time.
    fast.tick(MINUTE);
    await fast.engine.pin({ ticket: ticket(3) });
    await a.engine.mergeSync();
    await fast.engine.mergeSync();
    expect(await ids(a.engine)).toEqual(['1', '2', '3']);
    expect(await ids(fast.engine)).toEqual(['1', '2', '3']);
    // An unpin still travels, whichever clock is ahead.
    await a.engine.unpin(ticket(1));
    await fast.engine.mergeSync();
    expect(await ids(fast.engine)).toEqual(['2', '3']);
  });

  it('property: with one clock an hour fast, a pin never unpinned anywhere survives everywhere, and both converge', async () => {
    const op = fc.record({
      on: fc.constantFrom(0, 1),
      kind: fc.constantFrom('pin', 'unpin', 'merge', 'edit'),
      id: fc.integer({ min: 1, max: 4 }),
      wait: fc.integer({ min: 0, max: 10 * MINUTE }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 14 }), async (ops) => {
        await fakeBrowser.storage.sync.clear();
        const machines = [start(), start()] as const;
        machines[1].tick(HOUR);
        const pinned = new Set<number>();
        const unpinned = new Set<number>();
        for (const { on, kind, id, wait } of ops) {
          const m = machines[on];
          for (const each of machines) each.tick(wait);
          if (kind === 'merge') await m.engine.mergeSync();
          else if (kind === 'unpin') {
            await m.engine.unpin(ticket(id));
            unpinned.add(id);
          } else {
            await m.engine.pin({ ticket: ticket(id), ...(kind === 'edit' ? { note: `n${wait}` } : {}) });
            pinned.add(id);
          }
        }
        for (const m of [...machines, ...machines]) await m.engine.mergeSync();
        const [first, second] = [await ids(machines[0].engine), await ids(machines[1].engine)];
        expect(second).toEqual(first);
        for (const id of pinned) if (!unpinned.has(id)) expect(first).toContain(String(id));
        for (const m of machines) m.db.close();
      }),
      { numRuns: 40 },
    );
  });
});
