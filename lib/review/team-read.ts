import { healIndexFromNotes } from '../credit/heal-index';
import { storeFound } from '../credit/ledger-sync';
import type { PeriodBounds } from '../credit/period';
import { grantsInEntries, inBatches, PARALLEL, searchDays } from '../credit/tagged-grants';
import { grantsById } from '../db/grant-queries';
import { accountAgents } from '../db/queries';
import { putReadMarks, readMarksOf } from '../db/read-mark-queries';
import { recordedGrantsIn } from '../db/review-queries';
import { putReviewTickets, type ReviewTicket, reviewTicketsOf } from '../db/review-ticket-queries';
import { replaceSuspects } from '../db/suspect-queries';
import type { CreditGrant } from '../domain/credit-grant';
import type { Case } from '../domain/model';
import { refKey } from '../domain/ticket-ref';
import type { ReviewDeps } from './deps';
import { checkIndex, disagreementOf, grantOfLine, type IndexCheck } from './index-check';
import type { AccountSource } from './source';
import { searchCreditTickets } from './team-search';

/** Tickets whose notes are read between two merges: what a stopped worker reads again. */
const CHUNK = 100;

export interface TeamReadHooks {
  /** Notes read so far of those to read. */
  progress(done: number, of: number): void;
  /**
   * Grants were stored: the rows can grow. `first` is true when the index gave grants,
   * right after the search: per-agent totals are due then, however soon after the last paint.
   */
  merged(first: boolean): Promise<void>;
}

export interface TeamRead {
  /** Tagged tickets the search found (all of the period, or on a reload those changed since the last load). */
  tickets: Case[];
  /** Of them, tickets whose notes were read. */
  read: number;
  /** Matches the search could not list. */
  missed: number;
}

interface ToRead {
  c: Case;
  check: IndexCheck;
}

const recordOf = (c: Case, disagreement: ReviewTicket['disagreement']) => ({
  caseKey: refKey(c.ref),
  updatedAt: c.updatedAt,
  status: c.status,
  disagreement,
});

/**
 * One account's grants for the review, from the team index first. The search
 * results carry each ticket's "Frontline ledger" field: where its lines, tags and
 * requester agree (checkIndex) the grants come from the lines and no thread is
 * read; they are stored at once, so per-agent totals show as soon as the search
 * pages are in. Only tickets without the field (today's path: read when they
 * changed since their last read), with a damaged index, or whose tags and lines
 * disagree have their notes read; those grants count, the tag is put back where
 * it went missing, and the ticket's disagreement is kept for the page.
 * `updatedSince` (a reload) asks only for tickets updated since; a ticket seen
 * before at the same update is not looked at again.
 */
export async function readTeamGrants(
  deps: Pick<ReviewDeps, 'db' | 'changed'>,
  src: AccountSource,
  bounds: PeriodBounds,
  now: number,
  updatedSince: string | undefined,
  hooks: TeamReadHooks,
): Promise<TeamRead> {
  const { db } = deps;
  const merge = async (found: CreditGrant[]) => {
    for (const ticket of (await storeFound(deps, found)).values()) deps.changed(ticket);
  };
  const known = [
    ...(await accountAgents(db, src.account)).map((a) => a.id),
    ...(await recordedGrantsIn(db, src.account, bounds)).map((g) => g.agentId),
  ];
  const seen = await reviewTicketsOf(db, src.account);
  const { cases, missed } = await searchCreditTickets(
    src,
    { ...searchDays(bounds.start, now), ...(updatedSince === undefined ? {} : { updatedSince }) },
    known,
    (id) => seen.get(refKey({ helpdesk: src.helpdesk, account: src.account, id }))?.updatedAt,
  );
  const marks = await readMarksOf(
    db,
    cases.map((c) => refKey(c.ref)),
  );
  const fresh = new Set(
    cases.filter((c) => seen.get(refKey(c.ref))?.updatedAt !== c.updatedAt).map((c) => refKey(c.ref)),
  );

  const fromIndex: CreditGrant[] = [];
  const toRead: ToRead[] = [];
  const recorded: Case[] = [];
  cases.forEach((c, i) => {
    const isFresh = fresh.has(refKey(c.ref));
    const check = checkIndex(c);
    if (check.kind === 'indexed' && isFresh) fromIndex.push(...check.grants.map((g) => grantOfLine(c, g)));
    if (check.kind === 'verify' ? isFresh : check.kind === 'no-field' && marks[i] !== c.updatedAt)
      toRead.push({ c, check });
    else if (isFresh) recorded.push(c);
  });
  // A grant this browser already holds keeps its copy (a note's reason, or its own grant in flight).
  const held = new Set(
    (
      await grantsById(
        db,
        fromIndex.map((g) => g.id),
      )
    ).map((g) => g.id),
  );
  await merge(fromIndex.filter((g) => !held.has(g.id)));
  // Tickets not read now keep what an earlier read found (an agreeing index has nothing to keep).
  await putReviewTickets(
    db,
    src.account,
    recorded.map((c) => recordOf(c, seen.get(refKey(c.ref))?.disagreement ?? null)),
  );
  await hooks.merged(fromIndex.length > 0);

  hooks.progress(0, toRead.length);
  for (let start = 0; start < toRead.length; start += CHUNK) {
    const chunk = toRead.slice(start, start + CHUNK);
    const perTicket = await inBatches(
      chunk,
      PARALLEL,
      async ({ c, check }) => {
        const entries = await src.adapter.thread(src.client, c.ref, c.requesterId);
        await healIndexFromNotes(src, c, entries);
        const read = grantsInEntries(entries, c.requesterId);
        const own = read.grants.filter((g) => g.ticket.account === src.account);
        if (check.kind !== 'verify') return { c, read, grants: own, disagreement: null };
        const disagreement = disagreementOf(c, check, own);
        const noted = new Set(own.map((g) => g.id));
        // A line no trusted note backs still counts, flagged: the review fails towards showing a grant.
        const unbacked = check.grants.filter((g) => !noted.has(g.id)).map((g) => grantOfLine(c, g));
        return { c, read, grants: [...own, ...unbacked], disagreement };
      },
      (done) => hooks.progress(start + done, toRead.length),
    );
    await replaceSuspects(
      db,
      chunk.map(({ c }) => c.ref),
      perTicket.flatMap((t) => t.read.suspects),
    );
    await merge(perTicket.flatMap((t) => t.grants));
    await putReadMarks(
      db,
      chunk.map(({ c }) => ({ caseKey: refKey(c.ref), updatedAt: c.updatedAt })),
    );
    await putReviewTickets(
      db,
      src.account,
      perTicket.map((t) => recordOf(t.c, t.disagreement)),
    );
    // After the last chunk the load's final answer follows at once.
    if (start + CHUNK < toRead.length) await hooks.merged(false);
  }
  return { tickets: cases, read: toRead.length, missed };
}
