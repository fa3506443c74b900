import { afterEach } from 'vitest';
import { browser } from 'wxt/browser';
import type { PinWithWatch } from '../../../lib/db/pin-queries';
import { openDb } from '../../../lib/db/schema';
import { emptyWatch } from '../../../lib/domain/followthrough';
import { refKey, type TicketRef } from '../../../lib/domain/ticket-ref';
import type { FollowThroughDeps } from '../../../lib/followthrough/deps';
import { mergeSync } from '../../../lib/followthrough/pin-mirror';
import { followView, type PinInput, pin, pinView, seen, unpin } from '../../../lib/followthrough/pins';
import { runCycle } from '../../../lib/followthrough/watch-cycle';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { fakeHelpdesk } from './fake-helpdesk';

export const START = Date.parse('2026-11-23T10:00:00Z');
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

let dbCount = 0;

/**
 * Follow-through on a fresh database, the real adapters and a fake helpdesk; `engine`
 * binds the pins, the watch cycle and the mirror to those deps, as the runtime does.
 */
export function setup(
  overrides: Partial<FollowThroughDeps> = {},
  dbName = `ft-${++dbCount}-${Math.random()}`,
) {
  const clock = { now: START };
  const helpdesk = fakeHelpdesk(clock);
  const db = openDb(dbName);
  const deps: FollowThroughDeps = {
    db,
    adapterFor,
    client: (account) => helpdesk.clientFor(account),
    now: () => clock.now,
    storageSync: browser.storage.sync,
    budget: () => 1_000,
    ...overrides,
  };
  const engine = {
    pin: (input: PinInput) => pin(deps, input),
    unpin: (ticket: TicketRef) => unpin(deps, ticket),
    seen: (ticket: TicketRef) => seen(deps, ticket),
    pinView: (ticket: TicketRef) => pinView(deps, ticket),
    view: () => followView(deps),
    check: () => runCycle(deps),
    mergeSync: () => mergeSync(deps),
  };
  const tick = (ms: number) => {
    clock.now += ms;
  };
  return { engine, helpdesk, clock, tick, db, dbName, deps };
}

/** `setup` for a test file: every database it opens is closed after each test. */
export function startEach() {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return (...args: Parameters<typeof setup>) => {
    const s = setup(...args);
    opened.push(s.db);
    return s;
  };
}

/** A pin row and its watch state, for the pure functions. */
export const pinned = (
  ticket: TicketRef,
  pin: Partial<PinWithWatch['pin']> = {},
  watch: Partial<PinWithWatch['watch']> = {},
): PinWithWatch => ({
  pin: {
    caseKey: refKey(ticket),
    ticket,
    pinnedAt: START,
    dueAt: null,
    note: '',
    lastSeenUpdate: '2026-11-23T09:00:00.000Z',
    ...pin,
  },
  watch: { ...emptyWatch(), ...watch },
});
