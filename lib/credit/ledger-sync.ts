import { grantRow } from '../db/grant-queries';
import type { CreditGrant } from '../domain/credit-grant';
import { type HelpdeskKind, refKey, type TicketRef } from '../domain/ticket-ref';
import type { CreditServiceDeps } from './deps';
import { mergeLedger } from './ledger';
import { periodBounds } from './period';
import { syncTaggedGrants } from './tagged-grants';

export interface LedgerRefresh {
  tickets: number;
  /** Tickets whose notes were read (the others had not changed since the last read). */
  read: number;
  /** Grants found in the notes read. */
  found: number;
}

/**
 * Rebuilds this period's ledger of an account from the helpdesk, so another
 * browser profile (or a reinstall) sees the same remaining authority: tickets
 * tagged `frontline_credit` updated this period, and the notes of those that
 * changed since they were last read (syncTaggedGrants). Helpdesk grants
 * replace local copies of the same id (mergeLedger); local-only grants stay.
 * Search lags minutes behind writes, which the local grants cover meanwhile.
 */
export async function refreshLedger(
  deps: CreditServiceDeps,
  account: string,
  helpdesk: HelpdeskKind,
): Promise<LedgerRefresh> {
  const policy = await deps.loadPolicy();
  if ('error' in policy) return { tickets: 0, read: 0, found: 0 };
  const bounds = periodBounds(deps.now(), policy.policy.period, policy.policy.timeZone);
  const source = {
    account,
    adapter: deps.adapterFor(helpdesk),
    client: deps.client({ helpdesk, account }, 'background'),
  };
  const result = await syncTaggedGrants(deps.db, source, bounds.start, deps.now(), {
    merge: async (found) => {
      for (const ticket of (await storeFound(deps, found)).values()) deps.changed(ticket);
    },
  });
  return { tickets: result.tickets.length, read: result.read, found: result.found.length };
}

/** Puts the helpdesk's grants that are new or differ from the local copy; returns their tickets. */
async function storeFound(deps: CreditServiceDeps, found: CreditGrant[]): Promise<Map<string, TicketRef>> {
  const { db } = deps;
  const ids = new Set(found.map((g) => g.id));
  return db.transaction('rw', db.grants, async () => {
    const local = (await db.grants.bulkGet([...ids])).flatMap((row) => (row ? [row.grant] : []));
    const before = new Map(local.map((g) => [g.id, JSON.stringify(g)]));
    const updates = mergeLedger(local, found).filter(
      (g) => ids.has(g.id) && before.get(g.id) !== JSON.stringify(g),
    );
    await db.grants.bulkPut(updates.map(grantRow));
    return new Map(updates.map((g) => [refKey(g.ticket), g.ticket]));
  });
}
