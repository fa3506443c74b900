import { z } from 'zod';
import { CaseStatus } from '../domain/model';
import { IndexDisagreement, SolvedCountMsg } from '../domain/review/page-data';
import type { SolvedCount } from '../domain/review/solved';
import type { ReviewTicketRow } from './rows';
import type { FrontlineDb } from './schema';

/**
 * The manager review's memory between loads: each credit-tagged ticket it read
 * (its update and status as the search saw them, and how its team index and notes
 * disagree), and per account and period its last complete load and solved counts.
 * A reload asks the helpdesk only for what changed since; the rest comes from here.
 */

export interface ReviewTicket {
  updatedAt: string;
  status: CaseStatus;
  disagreement: IndexDisagreement | null;
}

const Stored = z.object({ status: CaseStatus, disagreement: IndexDisagreement.nullable() });

export async function putReviewTickets(
  db: FrontlineDb,
  account: string,
  tickets: readonly (ReviewTicket & { caseKey: string })[],
): Promise<void> {
  await db.reviewTickets.bulkPut(tickets.map((t): ReviewTicketRow => ({ ...t, account })));
}

/** Every stored ticket of an account by case key; rows that no longer parse are left out (read again). */
export async function reviewTicketsOf(db: FrontlineDb, account: string): Promise<Map<string, ReviewTicket>> {
  const rows = await db.reviewTickets.where('account').equals(account).toArray();
  return new Map(
    rows.flatMap((row) => {
      const parsed = Stored.safeParse(row);
      return parsed.success ? [[row.caseKey, { updatedAt: row.updatedAt, ...parsed.data }] as const] : [];
    }),
  );
}

/** The disagreements stored for an account, whatever load found them. */
export const disagreementsOf = async (db: FrontlineDb, account: string): Promise<IndexDisagreement[]> =>
  [...(await reviewTicketsOf(db, account)).values()].flatMap((t) =>
    t.disagreement === null ? [] : [t.disagreement],
  );

const loadKey = (account: string, periodStart: number) => `${account}|${periodStart}`;

export interface ReviewLoad {
  startedAt: number;
  countedAt: number;
  counts: SolvedCount[];
  /** When customer names the cache lacked were last asked for (0: never). */
  namedAt: number;
}

export async function lastReviewLoad(
  db: FrontlineDb,
  account: string,
  periodStart: number,
): Promise<ReviewLoad | null> {
  const row = await db.reviewLoads.get(loadKey(account, periodStart));
  const counts = z.array(SolvedCountMsg).safeParse(row?.counts);
  return row === undefined || !counts.success
    ? null
    : {
        startedAt: row.startedAt,
        countedAt: row.countedAt,
        counts: counts.data,
        namedAt: typeof row.namedAt === 'number' ? row.namedAt : 0,
      };
}

export async function putReviewLoad(
  db: FrontlineDb,
  account: string,
  periodStart: number,
  load: ReviewLoad,
): Promise<void> {
  await db.reviewLoads.put({ key: loadKey(account, periodStart), ...load });
}
