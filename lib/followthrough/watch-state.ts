import type { PinWithWatch } from '../db/pin-queries';
import type { PinWatch } from '../domain/followthrough';
import type { Case, Entry } from '../domain/model';
import { diffPin, movedSince, movesOf } from './diff';

/**
 * The thread of a moved ticket takes one request on both helpdesks (a page of Zendesk's audits,
 * of Freshdesk's conversations): the cycle has just read the ticket itself.
 */
export const ENTRIES_COST = 1;

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

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * How often a pin is read once its ticket has been quiet a while, longest quiet first, where a
 * read costs a request a ticket (Freshdesk). A team of 200 leaves each rep about 0.35 background
 * requests a minute (10% of 700): 20 Freshdesk pins read every 5 minutes would take 4. A ticket
 * nobody touched for a day is read hourly, one quiet for an hour every 15 minutes, one that moved
 * in the last hour every cycle; a customer's reply on a long-quiet case then shows within the
 * hour, and *Check now* reads every pin. Zendesk reads 100 pins a request (show_many), about 0.2
 * a minute at the default 5-minute cycle, so its pins are read every cycle.
 */
export const QUIET_INTERVALS: readonly { quietFor: number; every: number }[] = [
  { quietFor: 24 * HOUR_MS, every: HOUR_MS },
  { quietFor: HOUR_MS, every: 15 * MINUTE_MS },
];

/** The pin is due a read: never read, a move not yet classified, or read longer ago than its quiet allows. */
export function checkDue(item: PinWithWatch, now: number): boolean {
  const { watch } = item;
  if (watch.checkedAt === null || watch.updatedAt === null || unclassified(watch)) return true;
  const quiet = now - Date.parse(watch.updatedAt);
  const rule = QUIET_INTERVALS.find((r) => quiet >= r.quietFor);
  return rule === undefined || now - watch.checkedAt >= rule.every;
}

/**
 * The pins a cycle reads, in check order: every pin when the rep asked or when a request reads a
 * batch of them (Zendesk), else (a request a pin) those due a read.
 */
export function pinsToRead(
  queue: readonly PinWithWatch[],
  perRequest: number,
  now: number,
  everything: boolean,
): PinWithWatch[] {
  if (everything || perRequest > 1) return [...queue];
  return queue.filter((item) => checkDue(item, now));
}

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
