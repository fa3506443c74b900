import { readLedgerCursor } from '../db/ledger-cursor-queries';
import { getAccount } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import type { HelpdeskKind } from '../domain/ticket-ref';

/**
 * How often a rep's own ledger is refreshed while the rep views the account's
 * tickets. The account's whole background budget is 10 % of its plan (Zendesk
 * Enterprise: 70 of 700 a minute), shared by every rep: at 200 reps, 0.35 a
 * minute each for the ledger, the pin watcher and names together. A refresh
 * costs one search when nothing changed (ledger-sync.ts), so every 10 minutes
 * is 0.1 a minute a rep, under a third of that share. A grant from the rep's
 * other browser shows within that, plus the helpdesk's search lag; this
 * browser's own grants are in its ledger the moment they are reserved, so
 * nothing is refreshed for them.
 */
export const LEDGER_EVERY_MS = 10 * 60_000;

/** After a refresh that failed (offline, a refusal), the next view may try again this much later. */
export const LEDGER_RETRY_MS = 60_000;

/**
 * Whether the account's ledger is due, by the cursor the last complete refresh of
 * the signed-in rep left in IndexedDB: a service worker is stopped within a minute
 * of idling, so a timer or an in-memory mark alone would refresh on nearly every
 * wake. A browser that does not know its rep yet is due (the refresh asks once).
 */
export async function ledgerDue(db: FrontlineDb, account: string, now: number): Promise<boolean> {
  const me = (await getAccount(db, account))?.me;
  if (me === undefined || me === null) return true;
  const cursor = await readLedgerCursor(db, account, me.id);
  return cursor === null || cursor.searchedAt > now || now - cursor.searchedAt >= LEDGER_EVERY_MS;
}

export interface LedgerCadenceDeps {
  db: FrontlineDb;
  now(): number;
  refresh(account: string, helpdesk: HelpdeskKind): Promise<unknown>;
}

/**
 * The ledger refresh behind every view: at most one at a time per account, only
 * when due (ledgerDue), and not again within LEDGER_RETRY_MS of an attempt in this
 * worker, so a failing helpdesk is not asked on every view. Resolves whether a
 * refresh ran and succeeded.
 */
export function createLedgerCadence(deps: LedgerCadenceDeps) {
  const attemptedAt = new Map<string, number>();
  const running = new Set<string>();
  return async (account: string, helpdesk: HelpdeskKind): Promise<boolean> => {
    const now = deps.now();
    if (running.has(account) || (attemptedAt.get(account) ?? -Infinity) > now - LEDGER_RETRY_MS) return false;
    running.add(account);
    try {
      if (!(await ledgerDue(deps.db, account, now))) return false;
      attemptedAt.set(account, now);
      await deps.refresh(account, helpdesk);
      return true;
    } catch {
      // The ledger stays as cached; a view after LEDGER_RETRY_MS tries again.
      return false;
    } finally {
      running.delete(account);
    }
  };
}
