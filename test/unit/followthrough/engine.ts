import { browser } from 'wxt/browser';
import { openDb } from '../../../lib/db/schema';
import { createFollowThrough, type FollowThroughDeps } from '../../../lib/followthrough/follow-through';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { fakeHelpdesk } from './fake-helpdesk';

export const START = Date.parse('2026-11-23T10:00:00Z');
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

let dbCount = 0;

/** A follow-through engine on a fresh database, the real adapters and a fake helpdesk. */
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
  const engine = createFollowThrough(deps);
  const tick = (ms: number) => {
    clock.now += ms;
  };
  return { engine, helpdesk, clock, tick, db, dbName, deps };
}
