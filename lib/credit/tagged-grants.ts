import type { FrontlineDb } from '../db/schema';
import type { CreditGrant } from '../domain/credit-grant';
import { entryMarker } from '../domain/markers';
import type { Case, Entry } from '../domain/model';
import { refKey } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { searchAll } from '../helpdesks/search-walk';
import { CREDIT_TAG } from './commit';
import { grantFromMarker } from './ledger';

const DAY_MS = 86_400_000;
/** Entries reads in flight at once; the scheduler still budgets them. */
export const PARALLEL = 4;
/** meta key of a ticket's `updatedAt` when its credit notes were last read and merged. */
const READ_KEY = 'credit-read:';

export interface TaggedSource {
  account: string;
  adapter: HelpdeskAdapter;
  client: Client;
}

export interface TaggedRead {
  /** Tagged tickets the search found, with their status as the search saw it. */
  tickets: Case[];
  /** Of them, read again because they changed since the last read. */
  read: number;
  /** Matches the search could not list (see searchAll). */
  missed: number;
  /** Grants in the notes of the tickets read. */
  found: CreditGrant[];
}

/** Credit markers of private notes, as recorded grants. */
export const grantsInEntries = (entries: readonly Entry[]): CreditGrant[] =>
  entries.flatMap((entry) => {
    const marker = entryMarker(entry);
    return marker?.kind === 'credit' ? [grantFromMarker(marker, entry)] : [];
  });

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

/** Search compares whole UTC days and periods start in the policy's zone: from the day before, to the day after. */
export const searchDays = (start: number, end: number) => ({
  from: new Date(start - DAY_MS).toISOString().slice(0, 10),
  until: new Date(end + DAY_MS).toISOString().slice(0, 10),
});

/**
 * Grants recorded on tickets tagged `frontline_credit` updated since `since`
 * (a grant's note moves its ticket's `updatedAt`, so every grant made since
 * then is on one of them, however much the ticket changed afterwards),
 * reading the notes only of tickets that changed since they were last read:
 * a grant is a note, and a note moves `updatedAt`. `merge` stores what was
 * found; only after it succeeds is each ticket remembered as read, so a crash
 * between the two reads the ticket again rather than losing its grants.
 * Everything found is merged, whatever the period, so a later look at another
 * period may rely on it.
 */
export async function syncTaggedGrants(
  db: FrontlineDb,
  source: TaggedSource,
  since: number,
  now: number,
  merge: (found: CreditGrant[]) => Promise<void>,
  progress: (done: number, of: number) => void = () => undefined,
): Promise<TaggedRead> {
  const { cases, missed } = await searchAll(source.adapter, source.client, source.account, {
    tag: CREDIT_TAG,
    ...searchDays(since, now),
  });
  const keys = cases.map((c) => READ_KEY + refKey(c.ref));
  const lastRead = await db.meta.bulkGet(keys);
  const changed = cases.filter((c, i) => lastRead[i]?.value !== c.updatedAt);
  progress(0, changed.length);
  const perTicket = await inBatches(
    changed,
    PARALLEL,
    async (c) => grantsInEntries(await source.adapter.thread(source.client, c.ref, c.requesterId)),
    (done) => progress(done, changed.length),
  );
  const found = perTicket.flat().filter((g) => g.ticket.account === source.account);
  await merge(found);
  await db.meta.bulkPut(changed.map((c) => ({ key: READ_KEY + refKey(c.ref), value: c.updatedAt })));
  return { tickets: cases, read: changed.length, missed, found };
}
