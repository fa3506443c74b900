import { refKey } from '../domain/ticket-ref';
import type { Mirror, MirrorPin, MirrorRemoved, Stamp } from './sync-mirror';

/** Orders two changes: higher version first, then higher origin, so every browser picks the same. */
export const compareStamps = (a: Stamp, b: Stamp): number =>
  a.version - b.version || (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0);

export interface LocalPins {
  /** Pins here, each with the stamp of its last change. */
  pins: readonly { caseKey: string; stamp: Stamp }[];
  /** Pins removed here or learnt removed, with the stamp of the removal. */
  removed: readonly MirrorRemoved[];
}

export interface MergePlan {
  /** Pins from the mirror that are newer than anything here about them. */
  add: MirrorPin[];
  /** Pins in both: the mirror's change is newer, so its date and note win. */
  update: MirrorPin[];
  /** Removals newer than anything here about their pin: remember them (and pass them on). */
  removals: MirrorRemoved[];
  /** Pins here that one of those removals ends. */
  remove: string[];
  /** Something here is newer than the mirror or missing from it: write the merged set back. */
  writeBack: boolean;
  /** The highest version the mirror carries, so the next local change is numbered above it. */
  seen: number;
}

type Side = { stamp: Stamp; pin: MirrorPin | null; removed: MirrorRemoved | null };

/** One record per pin; a mirror naming a pin twice counts its newest record. */
function recordsOf(pins: readonly (readonly [string, Side])[]): Map<string, Side> {
  const out = new Map<string, Side>();
  for (const [key, side] of pins) {
    const known = out.get(key);
    if (!known || compareStamps(side.stamp, known.stamp) > 0) out.set(key, side);
  }
  return out;
}

/**
 * Merges another browser's pins into ours as a last-writer-wins set whose
 * "last" is a Lamport clock carried with every pin and removal, tie-broken by
 * the writing browser's origin. No wall clock is compared: machines disagree on
 * the time, and a clock an hour fast must not make its stale view of the pins
 * look newer. A pin missing from the mirror is never taken as removed (the
 * writer may not have seen it yet); only a newer removal record removes it.
 */
export function planMerge(local: LocalPins, remote: Mirror | null): MergePlan {
  const here = recordsOf([
    ...local.pins.map(({ caseKey, stamp }) => [caseKey, { stamp, pin: null, removed: null }] as const),
    ...local.removed.map((r) => [refKey(r.ticket), { stamp: r, pin: null, removed: r }] as const),
  ]);
  const plan: MergePlan = { add: [], update: [], removals: [], remove: [], writeBack: false, seen: 0 };
  if (remote === null) return { ...plan, writeBack: here.size > 0 };
  const there = recordsOf([
    ...remote.pins.map((pin) => [refKey(pin.ticket), { stamp: pin, pin, removed: null }] as const),
    ...remote.removed.map((r) => [refKey(r.ticket), { stamp: r, pin: null, removed: r }] as const),
  ]);
  for (const side of there.values()) plan.seen = Math.max(plan.seen, side.stamp.version);
  for (const key of new Set([...here.keys(), ...there.keys()])) {
    const mine = here.get(key);
    const theirs = there.get(key);
    const order = mine && theirs ? compareStamps(theirs.stamp, mine.stamp) : theirs ? 1 : -1;
    if (order < 0) plan.writeBack = true;
    if (order <= 0 || !theirs) continue;
    const alive = mine !== undefined && mine.removed === null;
    if (theirs.pin) (alive ? plan.update : plan.add).push(theirs.pin);
    if (theirs.removed) {
      plan.removals.push(theirs.removed);
      if (alive) plan.remove.push(key);
    }
  }
  return plan;
}
