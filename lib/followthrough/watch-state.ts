import type { PinWithWatch } from '../db/pin-queries';
import type { PinWatch } from '../domain/followthrough';
import type { Case, Entry } from '../domain/model';
import { diffPin, movedSince, movesOf } from './diff';

/** Entries of a moved ticket take two requests on both helpdesks (the ticket and one page of its thread). */
export const ENTRIES_COST = 2;

/** The last check saw the case move but could not afford to read what moved. */
export const unclassified = (watch: PinWatch): boolean =>
  watch.updatedAt !== null && watch.updatedAt !== watch.checkedUpdate;

/**
 * Moves found but not yet classified come first, then the least recently checked, so a
 * budget smaller than the pins rotates through them.
 */
export const checkOrder = (pins: readonly PinWithWatch[]): PinWithWatch[] =>
  [...pins].sort(
    (a, b) =>
      Number(unclassified(b.watch)) - Number(unclassified(a.watch)) ||
      (a.watch.checkedAt ?? 0) - (b.watch.checkedAt ?? 0),
  );

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * The batches of tickets to read with `left` requests: part of the budget is kept for
 * the entries of moves found earlier, but at least one batch is always read.
 */
export function readBatches(
  queue: readonly PinWithWatch[],
  perRequest: number,
  left: number,
): PinWithWatch[][] {
  const pending = queue.filter((item) => unclassified(item.watch)).length;
  const reserve = Math.min(pending * ENTRIES_COST, Math.floor(left / 2));
  return chunk(queue, perRequest).slice(0, Math.max(1, left - reserve));
}

/** The ticket moved since the last check and since the rep last looked: its entries are worth reading. */
export const movedForRep = (item: PinWithWatch, current: Case | null | undefined): current is Case =>
  current != null &&
  current.updatedAt !== item.watch.checkedUpdate &&
  movedSince(current, item.pin.lastSeenUpdate);

/** Owner and escalation read from a moved case's entries. */
export interface Described {
  ownerId: string | null;
  escalation: PinWatch['escalation'];
}

/** A pin the helpdesk no longer shows. */
export const missingPin = (item: PinWithWatch, now: number): PinWithWatch => ({
  pin: item.pin,
  watch: { ...item.watch, missing: true, checkedAt: now },
});

/**
 * A pin after one check of `current`. `found` undefined means "moved, not yet
 * classified"; `described` undefined means its entries were not read this cycle.
 */
export function nextWatch(
  item: PinWithWatch,
  current: Case,
  found: Entry[] | undefined,
  now: number,
  described: Described | undefined,
  names: ReadonlyMap<string, string>,
): PinWithWatch {
  const { pin: row, watch } = item;
  // Pins that arrived through storage.sync have no baseline: the first check sets it, quietly.
  const lastSeenUpdate = row.lastSeenUpdate ?? current.updatedAt;
  const seen = { ...row, lastSeenUpdate, seenStatus: watch.seenStatus ?? current.rawStatus };
  const changes = movesOf(diffPin({ ...seen, overdueSeen: watch.overdueSeen }, current, found, now));
  const moved = current.updatedAt !== watch.checkedUpdate && movedSince(current, lastSeenUpdate);
  const classified = !moved || found !== undefined;
  const ownerId = described?.ownerId;
  return {
    pin: { ...row, lastSeenUpdate },
    watch: {
      ...watch,
      seenStatus: seen.seenStatus,
      checkedUpdate: classified ? current.updatedAt : watch.checkedUpdate,
      moves: [...new Set([...watch.moves, ...changes])],
      checkedAt: now,
      missing: false,
      subject: current.subject,
      status: current.status,
      rawStatus: current.rawStatus,
      updatedAt: current.updatedAt,
      ownerName:
        ownerId === undefined
          ? watch.ownerName
          : ownerId === null
            ? null
            : (names.get(ownerId) ?? watch.ownerName),
      escalation: described?.escalation ?? watch.escalation,
    },
  };
}
