import { z } from 'zod';
import { getPinClock, putPinClock } from '../db/pin-queries';
import type { FrontlineDb } from '../db/schema';
import { refKey, TicketRef } from '../domain/ticket-ref';
import { type MirrorRemoved, newestRemoved, type Stamp, UNSTAMPED } from './sync-mirror';

/**
 * This browser's side of the pin merge (sync-merge.ts): its origin (the
 * tie-break), its Lamport counter, the stamp of each pin's last change and the
 * pins removed here. It lives in the database beside the pins; a pin without a
 * stamp predates versions and counts as version 0.
 */

const StampSchema = z.object({ version: z.number().int().min(0), origin: z.string().max(40) });
const PinClockSchema = z.object({
  origin: z.string().min(1).max(40),
  counter: z.number().int().min(0),
  pins: z.record(z.string(), StampSchema),
  removed: z.array(StampSchema.extend({ ticket: TicketRef })),
});
export type PinClock = z.infer<typeof PinClockSchema>;

const newOrigin = (): string => crypto.randomUUID().slice(0, 8);

/** The stored clock; a missing or unreadable one starts afresh (pins then count as version 0). */
export async function loadPinClock(db: FrontlineDb): Promise<PinClock> {
  const parsed = PinClockSchema.safeParse(await getPinClock(db));
  return parsed.success ? parsed.data : { origin: newOrigin(), counter: 0, pins: {}, removed: [] };
}

export async function savePinClock(db: FrontlineDb, clock: PinClock): Promise<void> {
  await putPinClock(db, { ...clock, removed: newestRemoved(clock.removed) });
}

export const stampOf = (clock: PinClock, caseKey: string): Stamp => clock.pins[caseKey] ?? UNSTAMPED;

/** The next local change's stamp: above everything this browser has seen. */
export function nextStamp(clock: PinClock): Stamp {
  clock.counter += 1;
  return { version: clock.counter, origin: clock.origin };
}

/** A pin (re)pinned or changed here, or taken from another browser with that browser's stamp. */
export function stampPin(clock: PinClock, caseKey: string, stamp: Stamp): void {
  clock.pins[caseKey] = stamp;
  clock.removed = clock.removed.filter((r) => refKey(r.ticket) !== caseKey);
  clock.counter = Math.max(clock.counter, stamp.version);
}

/** A pin removed here, or a removal learnt from another browser. */
export function stampRemoval(clock: PinClock, removal: MirrorRemoved): void {
  const key = refKey(removal.ticket);
  delete clock.pins[key];
  clock.removed = [...clock.removed.filter((r) => refKey(r.ticket) !== key), removal];
  clock.counter = Math.max(clock.counter, removal.version);
}
