import { emptyWatch, PinWatch } from '../domain/followthrough';
import type { Case, Customer } from '../domain/model';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import { type PinRow, personKey } from './rows';
import type { FrontlineDb } from './schema';

/**
 * Pins live in the `pins` table; what the watcher remembers about each pin lives
 * beside it in `pinWatches`, one row per pin, so a pin and its watch state are
 * written in one transaction and go away together.
 */

export interface PinWithWatch {
  pin: PinRow;
  watch: PinWatch;
}

/** A stored watch state that no longer parses (an older shape) starts over rather than failing. */
const readWatch = (value: unknown): PinWatch => {
  const parsed = PinWatch.safeParse(value);
  return parsed.success ? parsed.data : emptyWatch();
};

export async function allPins(db: FrontlineDb): Promise<PinWithWatch[]> {
  return db.transaction('r', [db.pins, db.pinWatches], async () => {
    const pins = await db.pins.orderBy('pinnedAt').toArray();
    const watches = await db.pinWatches.bulkGet(pins.map((pin) => pin.caseKey));
    return pins.map((pin, i) => ({ pin, watch: readWatch(watches[i]?.watch) }));
  });
}

export async function getPin(db: FrontlineDb, ticket: TicketRef): Promise<PinWithWatch | null> {
  const key = refKey(ticket);
  return db.transaction('r', [db.pins, db.pinWatches], async () => {
    const pin = await db.pins.get(key);
    if (pin === undefined) return null;
    return { pin, watch: readWatch((await db.pinWatches.get(key))?.watch) };
  });
}

export async function putPins(db: FrontlineDb, items: readonly PinWithWatch[]): Promise<void> {
  if (items.length === 0) return;
  await db.transaction('rw', [db.pins, db.pinWatches], async () => {
    await db.pins.bulkPut(items.map((item) => item.pin));
    await db.pinWatches.bulkPut(items.map((item) => ({ caseKey: item.pin.caseKey, watch: item.watch })));
  });
}

export async function deletePins(db: FrontlineDb, caseKeys: readonly string[]): Promise<void> {
  if (caseKeys.length === 0) return;
  await db.transaction('rw', [db.pins, db.pinWatches], async () => {
    await db.pins.bulkDelete([...caseKeys]);
    await db.pinWatches.bulkDelete([...caseKeys]);
  });
}

export interface LastCheck {
  /** Epoch ms of the last cycle that reached every account it tried; null before the first. */
  at: number | null;
  /** Why the last cycle could not check (validated by the caller). */
  error: unknown;
}

export async function getLastCheck(db: FrontlineDb): Promise<LastCheck> {
  const row = await db.followState.get('last-check');
  if (row?.name !== 'last-check') return { at: null, error: null };
  return { at: typeof row.at === 'number' ? row.at : null, error: row.error ?? null };
}

export async function putLastCheck(db: FrontlineDb, check: LastCheck): Promise<void> {
  await db.followState.put({ name: 'last-check', at: check.at, error: check.error });
}

/** This browser's pin merge clock as stored (lib/followthrough/pin-clock validates it), or undefined. */
export async function getPinClock(db: FrontlineDb): Promise<unknown> {
  const row = await db.followState.get('pin-clock');
  return row?.name === 'pin-clock' ? row.clock : undefined;
}

export async function putPinClock(db: FrontlineDb, clock: unknown): Promise<void> {
  await db.followState.put({ name: 'pin-clock', clock });
}

/** What the sidebar's cache already knows of a pinned case: names without a request. */
export interface CachedCase {
  case: Case | null;
  customer: Customer | null;
}

export async function cachedCases(db: FrontlineDb, tickets: readonly TicketRef[]): Promise<CachedCase[]> {
  return db.transaction('r', [db.cases, db.customers], async () => {
    const rows = await db.cases.bulkGet(tickets.map(refKey));
    const customers = await db.customers.bulkGet(
      rows.map((row) => (row ? personKey(row.account, row.case.requesterId) : '')),
    );
    return rows.map((row, i) => ({ case: row?.case ?? null, customer: customers[i]?.customer ?? null }));
  });
}

/** Agent names by id for one account, from the cache. */
export async function agentNames(
  db: FrontlineDb,
  account: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = await db.agents.bulkGet(unique.map((id) => personKey(account, id)));
  const names = new Map<string, string>();
  for (const row of rows) if (row) names.set(row.agent.id, row.agent.name);
  return names;
}

/** Customer names by requester id for one account, from the cache. */
export async function customerNames(
  db: FrontlineDb,
  account: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = await db.customers.bulkGet(unique.map((id) => personKey(account, id)));
  const names = new Map<string, string>();
  for (const row of rows) if (row) names.set(row.customer.id, row.customer.name);
  return names;
}
