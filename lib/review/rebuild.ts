import { storeFound } from '../credit/ledger-sync';
import type { PeriodBounds } from '../credit/period';
import { type SyncHooks, syncTaggedGrants, type TaggedRead } from '../credit/tagged-grants';
import type { ReviewDeps } from './deps';
import type { AccountSource } from './source';

/**
 * The review's rebuild of any period (the credit service's refreshLedger knows
 * only the current one), incremental the same way: only tickets that changed
 * since they were last read have their notes read again. What it finds goes
 * through the credit ledger's own merge (storeFound), and a ticket whose grants
 * that changed has its sidebar published again, as the ledger refresh does.
 */
export const rebuildGrants = (
  deps: Pick<ReviewDeps, 'db' | 'changed'>,
  source: AccountSource,
  bounds: PeriodBounds,
  now: number,
  hooks: Omit<SyncHooks, 'merge'>,
): Promise<TaggedRead> =>
  syncTaggedGrants(deps.db, source, bounds.start, now, {
    ...hooks,
    merge: async (found) => {
      for (const ticket of (await storeFound(deps, found)).values()) deps.changed(ticket);
    },
  });
