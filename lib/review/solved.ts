import type { PeriodBounds } from '../credit/period';
import { upsertCases } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import type { Case } from '../domain/model';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { AccountSource } from './rebuild';
import type { SolvedCase } from './stats';

const SOLVED = new Set<Case['status']>(['solved', 'closed']);
/** A helpdesk that reads one case per request (Freshdesk) would cost a request per grant: cache only there. */
const BATCH_WORTH_IT = 30;

export const isSolved = (item: Case): boolean => SOLVED.has(item.status);

/**
 * The cases of these tickets: the cache first, then (where the helpdesk reads
 * many per request, Zendesk show_many: 100) the missing ones, cached for next time.
 */
export async function casesOf(
  db: FrontlineDb,
  source: AccountSource,
  tickets: readonly TicketRef[],
  now: number,
): Promise<Map<string, Case>> {
  const unique = new Map(tickets.map((t) => [refKey(t), t]));
  const cached = await db.cases.bulkGet([...unique.keys()]);
  const found = new Map(cached.flatMap((row) => (row ? [[row.refKey, row.case] as const] : [])));
  const batch = source.adapter.cases;
  const missing = [...unique.values()].filter((t) => !found.has(refKey(t)));
  if (batch === undefined || batch.perRequest < BATCH_WORTH_IT || missing.length === 0) return found;
  const read: Case[] = [];
  for (let i = 0; i < missing.length; i += batch.perRequest) {
    const ids = missing.slice(i, i + batch.perRequest).map((t) => t.id);
    read.push(...(await batch.read(source.client, source.account, ids)));
  }
  await upsertCases(db, read, now);
  for (const item of read) found.set(refKey(item.ref), item);
  return found;
}

/**
 * Solved cases of an account's agents updated in the period, as far as this
 * browser's cache knows them (cases its reps viewed or the review read): the
 * denominator of "share of solved cases with a grant".
 */
export async function cachedSolved(
  db: FrontlineDb,
  account: string,
  bounds: PeriodBounds,
): Promise<SolvedCase[]> {
  const rows = await db.cases
    .where('updatedAt')
    .between(bounds.start, bounds.end, true, false)
    .filter((row) => row.account === account && isSolved(row.case) && row.case.assigneeId !== null)
    .toArray();
  return rows.map((row) => ({ agentKey: `${account}:${row.case.assigneeId}`, caseKey: row.refKey }));
}
