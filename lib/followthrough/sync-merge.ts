import { refKey } from '../domain/ticket-ref';
import type { Mirror, MirrorPin } from './sync-mirror';

export interface LocalPin {
  caseKey: string;
  pinnedAt: number;
}

export interface MergePlan {
  add: MirrorPin[];
  /** Pins in both: the mirror's date and note win (it was written after we last agreed). */
  update: MirrorPin[];
  remove: string[];
  /** Some local pins are newer than the mirror: write the merged set back. */
  writeBack: boolean;
}

/**
 * Merges another browser's pins into ours. `mark` is the mirror's `at` when this
 * browser last agreed with it: a local pin missing from a newer mirror was unpinned
 * elsewhere if it is older than that agreement, and pinned here since if newer.
 */
export function planMerge(local: readonly LocalPin[], remote: Mirror | null, mark: number): MergePlan {
  if (remote === null) return { add: [], update: [], remove: [], writeBack: local.length > 0 };
  if (remote.at <= mark) return { add: [], update: [], remove: [], writeBack: false };
  const localKeys = new Map(local.map((pin) => [pin.caseKey, pin]));
  const remoteKeys = new Set(remote.pins.map((pin) => refKey(pin.ticket)));
  const add = remote.pins.filter((pin) => !localKeys.has(refKey(pin.ticket)));
  const update = remote.pins.filter((pin) => localKeys.has(refKey(pin.ticket)));
  const localOnly = local.filter((pin) => !remoteKeys.has(pin.caseKey));
  const remove = localOnly.filter((pin) => pin.pinnedAt <= mark).map((pin) => pin.caseKey);
  return { add, update, remove, writeBack: localOnly.length > remove.length };
}
