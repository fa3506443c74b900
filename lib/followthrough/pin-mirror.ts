import { allPins, deletePins, type PinWithWatch, putPins } from '../db/pin-queries';
import type { PinRow } from '../db/rows';
import { emptyWatch } from '../domain/followthrough';
import { refKey } from '../domain/ticket-ref';
import { watchFromCache } from './cached-watch';
import type { FollowThroughDeps } from './deps';
import {
  loadPinClock,
  nextStamp,
  type PinClock,
  savePinClock,
  stampOf,
  stampPin,
  stampRemoval,
} from './pin-clock';
import { type MergePlan, planMerge } from './sync-merge';
import {
  chunkCount,
  chunkKeys,
  decodeMirror,
  encodeMirror,
  type MirrorPin,
  type Stamp,
  SYNC_KEY,
} from './sync-mirror';

type MirrorDeps = Pick<FollowThroughDeps, 'db' | 'now' | 'storageSync'>;

export const toMirrorPin = (pin: PinRow, stamp: Stamp): MirrorPin => ({
  ticket: pin.ticket,
  pinnedAt: pin.pinnedAt,
  dueAt: pin.dueAt,
  note: pin.note,
  version: stamp.version,
  origin: stamp.origin,
});

/** The mirror's items without the writer's time, to tell whether a write would change anything. */
export const contentOf = (items: Record<string, unknown>): string =>
  JSON.stringify(items, (key, value) => (key === 'at' ? undefined : value));

/** Writes this browser's pins and removals to storage.sync, unless the mirror already says so. */
async function writeMirror(deps: MirrorDeps, clock: PinClock): Promise<void> {
  const sync = deps.storageSync;
  const pins = (await allPins(deps.db)).map((item) =>
    toMirrorPin(item.pin, stampOf(clock, item.pin.caseKey)),
  );
  const items = encodeMirror({ at: deps.now(), pins, removed: clock.removed });
  const before = chunkCount((await sync.get(SYNC_KEY))[SYNC_KEY]);
  const count = Object.keys(items).length;
  const stored = await sync.get(chunkKeys(Math.max(before, count)));
  // Nothing new (a merge that only confirmed the mirror): writing would just wake the other browsers.
  if (before === count && contentOf(stored) === contentOf(items)) return;
  await sync.set(items);
  if (before > count) await sync.remove(chunkKeys(before).slice(count));
}

/** A change made here: numbered above all this browser has seen, then mirrored. */
export async function recordChange(
  deps: MirrorDeps,
  change: (clock: PinClock, stamp: Stamp) => void,
): Promise<void> {
  const clock = await loadPinClock(deps.db);
  change(clock, nextStamp(clock));
  await savePinClock(deps.db, clock);
  await writeMirror(deps, clock);
}

/** Local pins whose date or note the mirror's newer change replaces. */
export const updatedByMirror = (plan: MergePlan, local: readonly PinWithWatch[]): PinWithWatch[] => {
  const byKey = new Map(local.map((item) => [item.pin.caseKey, item]));
  return plan.update.flatMap((remote) => {
    const item = byKey.get(refKey(remote.ticket));
    if (!item) return [];
    return [
      { pin: { ...item.pin, dueAt: remote.dueAt, note: remote.note ?? item.pin.note }, watch: item.watch },
    ];
  });
};

/** A pin from another browser: it has no baseline here, so the first check sets one quietly. */
export const pinFromMirror = (remote: MirrorPin): PinRow => ({
  caseKey: refKey(remote.ticket),
  ticket: remote.ticket,
  pinnedAt: remote.pinnedAt,
  dueAt: remote.dueAt,
  note: remote.note ?? '',
  lastSeenUpdate: null,
});

/** Brings in pins added or removed in another browser; call on start and when storage.sync changes. */
export async function mergeSync(deps: MirrorDeps & Pick<FollowThroughDeps, 'policyDueHours'>): Promise<void> {
  const { db, storageSync: sync } = deps;
  const head = await sync.get(SYNC_KEY);
  const keys = chunkKeys(chunkCount(head[SYNC_KEY]));
  const mirror = keys.length > 1 ? decodeMirror(await sync.get(keys)) : decodeMirror(head);
  const local = await allPins(db);
  const clock = await loadPinClock(db);
  const plan = planMerge(
    {
      pins: local.map(({ pin }) => ({ caseKey: pin.caseKey, stamp: stampOf(clock, pin.caseKey) })),
      removed: clock.removed,
    },
    mirror,
  );
  const added = await Promise.all(
    plan.add.map(async (remote) => ({
      pin: pinFromMirror(remote),
      watch: await watchFromCache(deps, remote.ticket, emptyWatch()),
    })),
  );
  await putPins(db, [...updatedByMirror(plan, local), ...added]);
  await deletePins(db, plan.remove);
  for (const remote of [...plan.update, ...plan.add])
    stampPin(clock, refKey(remote.ticket), { version: remote.version, origin: remote.origin });
  for (const removal of plan.removals) stampRemoval(clock, removal);
  clock.counter = Math.max(clock.counter, plan.seen);
  await savePinClock(db, clock);
  if (plan.writeBack) await writeMirror(deps, clock);
}
