import { CREDIT_TAG } from '../credit/commit';
import { mergeLedger } from '../credit/ledger';
import { grantsInEntries } from '../credit/ledger-sync';
import type { PeriodBounds } from '../credit/period';
import { grantRow } from '../db/grant-queries';
import type { FrontlineDb } from '../db/schema';
import type { CreditGrant } from '../domain/credit-grant';
import type { Entry } from '../domain/model';
import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';

const DAY_MS = 86_400_000;
/** Entries reads in flight at once; the scheduler still budgets them. */
export const PARALLEL = 4;

export interface AccountSource {
  helpdesk: HelpdeskKind;
  account: string;
  adapter: HelpdeskAdapter;
  client: Client;
}

/** Search compares whole UTC days and the period starts in the policy's zone: search from a day before. */
export const searchDay = (start: number): string => new Date(start - DAY_MS).toISOString().slice(0, 10);

/** Runs `work` over items, `size` at a time, reporting after each batch. */
export async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
  progress: (done: number) => void = () => undefined,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
    progress(out.length);
  }
  return out;
}

/** Tickets of an account tagged `tag` and updated since the period's start, each with its entries. */
export async function taggedWithEntries(
  source: AccountSource,
  tag: string,
  start: number,
  progress: (done: number, of: number) => void,
): Promise<{ ticket: TicketRef; entries: Entry[] }[]> {
  const tickets = await source.adapter.taggedSince(source.client, source.account, tag, searchDay(start));
  progress(0, tickets.length);
  return inBatches(
    tickets,
    PARALLEL,
    async (ticket) => ({ ticket, entries: await source.adapter.entries(source.client, ticket) }),
    (done) => progress(done, tickets.length),
  );
}

export const inPeriod = (grant: CreditGrant, bounds: PeriodBounds): boolean => {
  const at = Date.parse(grant.at);
  return at >= bounds.start && at < bounds.end;
};

/**
 * The review's rebuild of any period (the credit service's refreshLedger only
 * knows the current one): grants recorded in the helpdesk's notes of tickets
 * tagged `frontline_credit`, merged into the `grants` table by id the same way
 * (the helpdesk's recorded grant wins; local-only grants stay).
 */
export async function rebuildGrants(
  db: FrontlineDb,
  source: AccountSource,
  bounds: PeriodBounds,
  progress: (done: number, of: number) => void,
): Promise<{ tickets: number; found: number }> {
  const read = await taggedWithEntries(source, CREDIT_TAG, bounds.start, progress);
  const found = read
    .flatMap((t) => grantsInEntries(t.entries))
    .filter((g) => g.ticket.account === source.account && inPeriod(g, bounds));
  await db.transaction('rw', db.grants, async () => {
    const idSet = new Set(found.map((g) => g.id));
    const ids = [...idSet];
    const local = (await db.grants.bulkGet(ids)).flatMap((row) => (row ? [row.grant] : []));
    const merged = mergeLedger(local, found).filter((g) => idSet.has(g.id));
    await db.grants.bulkPut(merged.map(grantRow));
  });
  return { tickets: read.length, found: found.length };
}

/** Recorded grants of an account in the period, from the table the credit engine also writes. */
export async function periodGrants(
  db: FrontlineDb,
  account: string,
  bounds: PeriodBounds,
): Promise<CreditGrant[]> {
  const rows = await db.grants
    .where('state')
    .equals('recorded')
    .filter((row) => row.grant.ticket.account === account && row.at >= bounds.start && row.at < bounds.end)
    .toArray();
  return rows.map((row) => row.grant);
}
