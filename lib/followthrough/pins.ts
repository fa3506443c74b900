import { allPins, deletePins, getLastCheck, getPin, type PinWithWatch, putPins } from '../db/pin-queries';
import {
  CheckError,
  emptyWatch,
  type FollowThroughView,
  type PinView,
  type PinWatch,
} from '../domain/followthrough';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import { watchFromCache } from './cached-watch';
import type { FollowThroughDeps } from './deps';
import { itemOf, orderItems } from './items';
import { stampPin, stampRemoval } from './pin-clock';
import { recordChange } from './pin-mirror';

export interface PinInput {
  ticket: TicketRef;
  /** ISO time; null clears it, undefined keeps the current one. */
  dueAt?: string | null | undefined;
  note?: string | undefined;
}

type PinDeps = Pick<FollowThroughDeps, 'db' | 'now' | 'storageSync' | 'policyDueHours'>;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The later of two ISO times; null is "never". */
export const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b;

export const pinViewOf = (ticket: TicketRef, item: PinWithWatch | null): PinView => ({
  ticket,
  pinned: item !== null,
  dueAt: item?.pin.dueAt == null ? null : iso(item.pin.dueAt),
  note: item?.pin.note ?? '',
});

const dueAtOf = (input: PinInput, existing: PinWithWatch | null): number | null =>
  input.dueAt === undefined
    ? (existing?.pin.dueAt ?? null)
    : input.dueAt === null
      ? null
      : Date.parse(input.dueAt);

/** A pin already there, given a new date or note. */
export function repinned(existing: PinWithWatch, input: PinInput): PinWithWatch {
  const dueAt = dueAtOf(input, existing);
  return {
    pin: { ...existing.pin, dueAt, note: input.note ?? existing.pin.note },
    // A new date is a new obligation: seeing the old one overdue does not cover it.
    watch: dueAt === existing.pin.dueAt ? existing.watch : { ...existing.watch, overdueSeen: null },
  };
}

/** A new pin; `watch` is what the cache knows of the case, which is what the rep saw. */
export function newPin(input: PinInput, watch: PinWatch, now: number): PinWithWatch {
  return {
    pin: {
      caseKey: refKey(input.ticket),
      ticket: input.ticket,
      pinnedAt: now,
      dueAt: dueAtOf(input, null),
      note: input.note ?? '',
      lastSeenUpdate: watch.updatedAt ?? iso(now),
    },
    watch: { ...watch, seenStatus: watch.rawStatus, checkedUpdate: watch.updatedAt },
  };
}

/**
 * A pin once the rep opened its case: what moved until now is seen, and so is a
 * passed follow-up date. `fresh` is the watch state with what the cache knows now.
 */
export function seenPin(item: PinWithWatch, fresh: PinWatch, now: number): PinWithWatch {
  const newest = later(item.watch.updatedAt, fresh.updatedAt) === fresh.updatedAt ? fresh : item.watch;
  const { pin: row } = item;
  return {
    pin: { ...row, lastSeenUpdate: later(row.lastSeenUpdate, newest.updatedAt) },
    watch: {
      ...newest,
      seenStatus: newest.rawStatus ?? item.watch.seenStatus,
      checkedUpdate: item.watch.checkedUpdate,
      moves: [],
      overdueSeen: row.dueAt !== null && now >= row.dueAt ? row.dueAt : item.watch.overdueSeen,
    },
  };
}

/** Pins a case, or changes the date and note of a pin; the change goes to the mirror. */
export async function pin(deps: PinDeps, input: PinInput): Promise<PinView> {
  const existing = await getPin(deps.db, input.ticket);
  const item = existing
    ? repinned(existing, input)
    : newPin(input, await watchFromCache(deps, input.ticket, emptyWatch()), deps.now());
  await putPins(deps.db, [item]);
  await recordChange(deps, (clock, stamp) => stampPin(clock, item.pin.caseKey, stamp));
  return pinViewOf(input.ticket, item);
}

export async function unpin(deps: PinDeps, ticket: TicketRef): Promise<void> {
  await deletePins(deps.db, [refKey(ticket)]);
  await recordChange(deps, (clock, stamp) => stampRemoval(clock, { ticket, ...stamp }));
}

/** The rep opened the case; nothing happens when it is not pinned. */
export async function seen(deps: PinDeps, ticket: TicketRef): Promise<void> {
  const item = await getPin(deps.db, ticket);
  if (item === null) return;
  const fresh = await watchFromCache(deps, ticket, item.watch);
  await putPins(deps.db, [seenPin(item, fresh, deps.now())]);
}

/** The current ticket's pin, for the sidebar's toggle. */
export async function pinView(deps: Pick<FollowThroughDeps, 'db'>, ticket: TicketRef): Promise<PinView> {
  return pinViewOf(ticket, await getPin(deps.db, ticket));
}

/** "My follow-through": every pin as the list shows it, with the last check. */
export async function followView(deps: Pick<FollowThroughDeps, 'db' | 'now'>): Promise<FollowThroughView> {
  const now = deps.now();
  const [pins, last] = await Promise.all([allPins(deps.db), getLastCheck(deps.db)]);
  const items = orderItems(pins.map(({ pin, watch }) => itemOf(pin, watch, now)));
  const error = CheckError.safeParse(last.error);
  return {
    items,
    lastCheckedAt: last.at === null ? null : iso(last.at),
    checkError: error.success ? error.data : null,
    badgeCount: items.filter((item) => item.needsAttention).length,
  };
}
