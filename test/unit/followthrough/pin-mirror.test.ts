import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import {
  contentOf,
  pinFromMirror,
  toMirrorPin,
  updatedByMirror,
} from '../../../lib/followthrough/pin-mirror';
import type { MergePlan } from '../../../lib/followthrough/sync-merge';
import type { MirrorPin } from '../../../lib/followthrough/sync-mirror';
import { MINUTE, pinned, START, startEach } from './engine';

const start = startEach();

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

describe('pin mirror, as pure functions', () => {
  const ref: TicketRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '101' };
  const remote = (over: Partial<MirrorPin> = {}): MirrorPin => ({
    ticket: ref,
    pinnedAt: START,
    dueAt: START + MINUTE,
    note: 'From the laptop',
    version: 9,
    origin: 'b2',
    ...over,
  });
  const plan = (update: MirrorPin[]): MergePlan => ({
    add: [],
    update,
    removals: [],
    remove: [],
    writeBack: false,
    seen: 9,
  });

  it('a write that changes only the writer’s time changes nothing', () => {
    expect(contentOf({ pins: { v: 2, at: 1, p: [] } })).toBe(contentOf({ pins: { v: 2, at: 2, p: [] } }));
    expect(contentOf({ pins: { v: 2, at: 1, p: [] } })).not.toBe(
      contentOf({ pins: { v: 2, at: 1, p: [1] } }),
    );
  });

  it('a newer change from the mirror replaces the date and note, and keeps the local note the mirror dropped', () => {
    const local = pinned(ref, { note: 'Local note', dueAt: null }, { subject: 'Kept' });
    expect(updatedByMirror(plan([remote()]), [local])).toEqual([
      { pin: { ...local.pin, dueAt: START + MINUTE, note: 'From the laptop' }, watch: local.watch },
    ]);
    expect(updatedByMirror(plan([remote({ note: null })]), [local])[0]?.pin.note).toBe('Local note');
    expect(updatedByMirror(plan([remote({ ticket: { ...ref, id: '999' } })]), [local])).toEqual([]);
  });

  it('a pin from another browser has no baseline, and its stamp travels with it', () => {
    expect(pinFromMirror(remote({ note: null }))).toEqual({
      caseKey: 'zendesk:acme.zendesk.com:101',
      ticket: ref,
      pinnedAt: START,
      dueAt: START + MINUTE,
      note: '',
      lastSeenUpdate: null,
    });
    expect(toMirrorPin(pinFromMirror(remote()), { version: 3, origin: 'a1' })).toEqual(
      remote({ version: 3, origin: 'a1' }),
    );
  });
});
