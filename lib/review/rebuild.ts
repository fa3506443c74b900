import { mergeLedger } from '../credit/ledger';
import type { PeriodBounds } from '../credit/period';
import {
  inBatches,
  PARALLEL,
  type SyncHooks,
  searchDays,
  syncTaggedGrants,
  type TaggedRead,
} from '../credit/tagged-grants';
import { grantRow } from '../db/grant-queries';
import type { FrontlineDb } from '../db/schema';
import { addConflicts } from '../db/suspect-queries';
import type { CreditGrant } from '../domain/credit-grant';
import type { Entry } from '../domain/model';
import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { searchAll } from '../helpdesks/search-walk';

export interface AccountSource {
  helpdesk: HelpdeskKind;
  account: string;
  adapter: HelpdeskAdapter;
  client: Client;
}

/** Tickets of an account tagged `tag` and updated since `since`, each with its entries. */
export async function taggedWithEntries(
  source: AccountSource,
  tag: string,
  since: number,
  now: number,
): Promise<{ ticket: TicketRef; requesterId: string; entries: Entry[] }[]> {
  const { cases } = await searchAll(source.adapter, source.client, source.account, {
    tag,
    ...searchDays(since, now),
  });
  return inBatches(cases, PARALLEL, async (c) => ({
    ticket: c.ref,
    requesterId: c.requesterId,
    entries: await source.adapter.thread(source.client, c.ref, c.requesterId),
  }));
}

/** Puts the helpdesk's grants by id: its record wins over a local copy; local-only grants stay. */
async function mergeFound(db: FrontlineDb, found: CreditGrant[]): Promise<void> {
  await db.transaction('rw', db.grants, db.suspects, async () => {
    const ids = [...new Set(found.map((g) => g.id))];
    const local = (await db.grants.bulkGet(ids)).flatMap((row) => (row ? [row.grant] : []));
    const idSet = new Set(ids);
    const { grants, conflicts } = mergeLedger(local, found);
    await db.grants.bulkPut(grants.filter((g) => idSet.has(g.id)).map(grantRow));
    await addConflicts(db, conflicts);
  });
}

/**
 * The review's rebuild of any period (the credit service's refreshLedger knows
 * only the current one), incremental the same way: only tickets that changed
 * since they were last read have their notes read again.
 */
export const rebuildGrants = (
  db: FrontlineDb,
  source: AccountSource,
  bounds: PeriodBounds,
  now: number,
  hooks: Omit<SyncHooks, 'merge'>,
): Promise<TaggedRead> =>
  syncTaggedGrants(db, source, bounds.start, now, { ...hooks, merge: (found) => mergeFound(db, found) });

/**
 * Recorded grants of an account in the period, from the table the credit
 * engine also writes. Filtered here rather than with Dexie's filter(): a
 * plain index read is one getAll, a filtered one walks a cursor row by row.
 */
export async function periodGrants(
  db: FrontlineDb,
  account: string,
  bounds: PeriodBounds,
): Promise<CreditGrant[]> {
  const rows = await db.grants.where('state').equals('recorded').toArray();
  return rows
    .filter((row) => row.grant.ticket.account === account && row.at >= bounds.start && row.at < bounds.end)
    .map((row) => row.grant);
}
