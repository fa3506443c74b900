import { describe, expect, it } from 'vitest';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import {
  checkOrder,
  missingPin,
  movedForRep,
  nextWatch,
  readBatches,
  unclassified,
} from '../../../lib/followthrough/watch-state';
import { pinned, START } from './engine';
import { kase, ref } from './fixtures';

const ticket = (id: number): TicketRef => ({ ...ref, id: String(id) });
const NINE = '2026-11-23T09:00:00.000Z';
const TEN = '2026-11-23T10:00:00.000Z';

describe('watch state, as pure functions', () => {
  it('a move seen but not read is unclassified until its entries are read', () => {
    expect(unclassified(pinned(ref).watch)).toBe(false);
    expect(unclassified(pinned(ref, {}, { updatedAt: TEN, checkedUpdate: NINE }).watch)).toBe(true);
    expect(unclassified(pinned(ref, {}, { updatedAt: TEN, checkedUpdate: TEN }).watch)).toBe(false);
  });

  it('checks unclassified moves first, then the least recently checked pins', () => {
    const recent = pinned(ticket(1), {}, { checkedAt: START });
    const never = pinned(ticket(2));
    const old = pinned(ticket(3), {}, { checkedAt: START - 1_000 });
    const moved = pinned(ticket(4), {}, { checkedAt: START, updatedAt: TEN, checkedUpdate: NINE });
    expect(checkOrder([recent, never, old, moved]).map((p) => p.pin.ticket.id)).toEqual(['4', '2', '3', '1']);
  });

  it('keeps part of the budget for moves found earlier, but always reads one batch', () => {
    const quiet = Array.from({ length: 10 }, (_, i) => pinned(ticket(i)));
    expect(readBatches(quiet, 1, 4).flat()).toHaveLength(4);
    expect(readBatches(quiet, 3, 10).map((b) => b.length)).toEqual([3, 3, 3, 1]);
    const moved = quiet.map((p, i) =>
      i < 2 ? pinned(p.pin.ticket, {}, { updatedAt: TEN, checkedUpdate: NINE }) : p,
    );
    // Two moves keep a request each for their threads: 8 reads of 10.
    expect(readBatches(moved, 1, 10)).toHaveLength(8);
    // Never more than half the budget is kept.
    expect(readBatches(moved, 1, 4)).toHaveLength(2);
    expect(readBatches(moved, 1, 0)).toHaveLength(1);
  });

  it('a case moved for the rep when it changed since the last check and since the rep looked', () => {
    const item = pinned(ref, { lastSeenUpdate: NINE }, { checkedUpdate: NINE });
    expect(movedForRep(item, kase({ updatedAt: TEN }))).toBe(true);
    expect(movedForRep(item, kase({ updatedAt: NINE }))).toBe(false);
    expect(movedForRep(item, null)).toBe(false);
    expect(movedForRep(item, undefined)).toBe(false);
  });

  it('a pin from another browser takes its first check as the baseline without flagging it', () => {
    const synced = pinned(ref, { lastSeenUpdate: null });
    const next = nextWatch(
      synced,
      kase({ updatedAt: TEN, status: 'pending', rawStatus: 'pending' }),
      undefined,
      START,
      undefined,
      new Map(),
    );
    expect(next.pin.lastSeenUpdate).toBe(TEN);
    expect(next.watch).toMatchObject({
      moves: [],
      seenStatus: 'pending',
      checkedUpdate: TEN,
      checkedAt: START,
    });
  });

  it('a move it could not afford to read stays unclassified; the owner is named when it was read', () => {
    const item = pinned(
      ref,
      { lastSeenUpdate: NINE },
      { checkedUpdate: NINE, seenStatus: 'open', ownerName: 'Old' },
    );
    const current = kase({ updatedAt: TEN });
    const unread = nextWatch(item, current, undefined, START, undefined, new Map());
    expect(unread.watch).toMatchObject({ checkedUpdate: NINE, updatedAt: TEN, ownerName: 'Old' });
    const read = nextWatch(
      item,
      current,
      [],
      START,
      { ownerId: '5', escalation: 'none' },
      new Map([['5', 'Ann']]),
    );
    expect(read.watch).toMatchObject({ checkedUpdate: TEN, ownerName: 'Ann', escalation: 'none' });
    const unowned = nextWatch(item, current, [], START, { ownerId: null, escalation: 'none' }, new Map());
    expect(unowned.watch.ownerName).toBeNull();
    const nameless = nextWatch(item, current, [], START, { ownerId: '6', escalation: 'none' }, new Map());
    expect(nameless.watch.ownerName).toBe('Old');
  });

  it('marks a pin the helpdesk no longer shows', () => {
    expect(missingPin(pinned(ref), START).watch).toMatchObject({ missing: true, checkedAt: START });
  });
});
