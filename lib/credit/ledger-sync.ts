import { grantRow } from '../db/grant-queries';
import type { CreditGrant } from '../domain/credit-grant';
import { entryMarker } from '../domain/markers';
import type { Entry } from '../domain/model';
import { type HelpdeskKind, refKey, type TicketRef } from '../domain/ticket-ref';
import { CREDIT_TAG } from './commit';
import type { CreditServiceDeps } from './deps';
import { grantFromMarker, mergeLedger } from './ledger';
import { periodBounds } from './period';

const DAY_MS = 86_400_000;
/** Entries reads in flight at once; the scheduler still budgets them. */
const PARALLEL = 4;

export interface LedgerRefresh {
  tickets: number;
  /** Grants found in the helpdesk's notes. */
  found: number;
}

/** Credit markers of private notes, as recorded grants. */
export const grantsInEntries = (entries: readonly Entry[]): CreditGrant[] =>
  entries.flatMap((entry) => {
    const marker = entryMarker(entry);
    return marker?.kind === 'credit' ? [grantFromMarker(marker, entry)] : [];
  });

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

/**
 * Rebuilds this period's ledger of an account from the helpdesk, so another
 * browser profile (or a reinstall) sees the same remaining authority. Search
 * for tickets tagged `frontline_credit` updated this period (a day earlier, as
 * search compares whole days and the period starts in the policy's zone), then
 * one entries read per ticket. Requests are bounded: at most 10 search pages,
 * then one entries read (Zendesk: ticket + comment pages; Freshdesk: ticket +
 * conversation pages) per ticket found. Helpdesk grants replace local copies of
 * the same id (mergeLedger); local-only grants stay. Search lags minutes behind
 * writes, which the local grants cover in the meantime.
 */
export async function refreshLedger(
  deps: CreditServiceDeps,
  account: string,
  helpdesk: HelpdeskKind,
): Promise<LedgerRefresh> {
  const policy = await deps.loadPolicy();
  if ('error' in policy) return { tickets: 0, found: 0 };
  const { start } = periodBounds(deps.now(), policy.policy.period, policy.policy.timeZone);
  const since = new Date(start - DAY_MS).toISOString().slice(0, 10);
  const adapter = deps.adapterFor(helpdesk);
  const client = deps.client({ helpdesk, account }, 'background');
  const tickets = await adapter.taggedSince(client, account, CREDIT_TAG, since);
  const perTicket = await inBatches(tickets, PARALLEL, async (ticket: TicketRef) =>
    grantsInEntries(await adapter.entries(client, ticket)),
  );
  const found = perTicket.flat().filter((g) => g.ticket.account === account);
  const changedTickets = await storeFound(deps, found);
  for (const ticket of changedTickets.values()) deps.changed(ticket);
  return { tickets: tickets.length, found: found.length };
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
