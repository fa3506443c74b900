import { putReadMarks, readMarksOf } from '../db/read-mark-queries';
import type { FrontlineDb } from '../db/schema';
import { replaceSuspects } from '../db/suspect-queries';
import type { CreditGrant } from '../domain/credit-grant';
import { judgeEntries } from '../domain/marker-trust';
import type { Case, Entry } from '../domain/model';
import { type SuspectNote, suspectsOf } from '../domain/suspect-note';
import { CREDIT_TAG } from '../domain/tags';
import { refKey } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { searchAll } from '../helpdesks/search-walk';
import { healIndexFromNotes } from './heal-index';
import { grantFromMarker } from './ledger';

const DAY_MS = 86_400_000;
/** Thread reads in flight at once; the scheduler still budgets them. */
export const PARALLEL = 4;
/** Tickets read between two merges: what a stopped worker would read again, and how often the review can show more. */
const CHUNK = 100;

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

export interface TicketGrants {
  /** Credit markers that count, as recorded grants. */
  grants: CreditGrant[];
  /** Markers that do not count (forged, mismatched): for the manager's review. */
  suspects: SuspectNote[];
}

/** The grants of one ticket's entries; `requesterId` is the ticket's, the only customer they can be for. */
export function grantsInEntries(entries: readonly Entry[], requesterId: string): TicketGrants {
  const judged = judgeEntries(entries, { requesterId });
  // A grant the credit gateway refused, as its own agent wrote on the ticket, counts nowhere.
  const refused = new Set(
    judged.flatMap(({ judged: j }) =>
      j.counts && j.marker.kind === 'credit-refused' ? [j.marker.grant] : [],
    ),
  );
  return {
    grants: judged.flatMap(({ entry, judged: j }) =>
      j.counts && j.marker.kind === 'credit' && !refused.has(j.marker.id)
        ? [grantFromMarker(j.marker, entry)]
        : [],
    ),
    suspects: suspectsOf(judged),
  };
}

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

export interface SyncHooks {
  /** Stores grants found; awaited before their tickets are remembered as read. */
  merge(found: CreditGrant[]): Promise<void>;
  /** Tickets read so far of those to read, after each parallel batch. */
  progress?(done: number, of: number): void;
  /** A chunk was merged: what is stored now includes it. `tickets` is everything the search found. */
  merged?(done: number, of: number, tickets: readonly Case[]): Promise<void> | void;
}

export interface NotesRead {
  /** Of the tickets given, read again because they changed since the last read. */
  read: number;
  /** Grants in the notes of the tickets read. */
  found: CreditGrant[];
}

/**
 * The grants in the notes of those `tickets` that changed since they were last
 * read. Tickets are read and merged CHUNK at a time, and each chunk is
 * remembered as read only after its merge succeeded: a worker stopped midway
 * keeps what it merged and reads the rest next time, and never loses a grant.
 * Each thread read heals the ticket's team index from its notes. `all` is what the
 * `merged` hook reports as everything found (the search's answer).
 */
export async function readChangedNotes(
  db: FrontlineDb,
  source: TaggedSource,
  tickets: readonly Case[],
  hooks: SyncHooks,
  all: readonly Case[] = tickets,
): Promise<NotesRead> {
  const lastRead = await readMarksOf(
    db,
    tickets.map((c) => refKey(c.ref)),
  );
  const changed = tickets.filter((c, i) => lastRead[i] !== c.updatedAt);
  hooks.progress?.(0, changed.length);
  const found: CreditGrant[] = [];
  for (let start = 0; start < changed.length; start += CHUNK) {
    const chunk = changed.slice(start, start + CHUNK);
    const perTicket = await inBatches(
      chunk,
      PARALLEL,
      async (c) => {
        const entries = await source.adapter.thread(source.client, c.ref, c.requesterId);
        // Search lags behind writes: a ticket it still lists as tagged may have lost the tag since.
        await healIndexFromNotes(source, c, entries);
        return grantsInEntries(entries, c.requesterId);
      },
      (done) => hooks.progress?.(start + done, changed.length),
    );
    const own = perTicket.flatMap((t) => t.grants).filter((g) => g.ticket.account === source.account);
    await replaceSuspects(
      db,
      chunk.map((c) => c.ref),
      perTicket.flatMap((t) => t.suspects),
    );
    await hooks.merge(own);
    await putReadMarks(
      db,
      chunk.map((c) => ({ caseKey: refKey(c.ref), updatedAt: c.updatedAt })),
    );
    found.push(...own);
    await hooks.merged?.(start + chunk.length, changed.length, all);
  }
  return { read: changed.length, found };
}

/**
 * Grants recorded on tickets tagged `frontline_credit` updated since `since`
 * (a grant's note moves its ticket's `updatedAt`, so every grant made since
 * then is on one of them, however much the ticket changed afterwards),
 * reading the notes only of tickets that changed since they were last read
 * (readChangedNotes). The whole team's tickets: the manager's review. Everything
 * found is merged, whatever the period, so a later look at another period may
 * rely on it.
 */
export async function syncTaggedGrants(
  db: FrontlineDb,
  source: TaggedSource,
  since: number,
  now: number,
  hooks: SyncHooks,
): Promise<TaggedRead> {
  const { cases, missed } = await searchAll(source.adapter, source.client, source.account, {
    tag: CREDIT_TAG,
    ...searchDays(since, now),
  });
  const { read, found } = await readChangedNotes(db, source, cases, hooks);
  return { tickets: cases, read, missed, found };
}
