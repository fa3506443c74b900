import type { PeriodBounds } from '../credit/period';
import { isSolvedStatus } from '../domain/case-status';
import type { Case } from '../domain/model';
import { countDays, type SolvedCount } from '../domain/review/solved';
import { CREDIT_TAG } from '../domain/tags';
import type { AccountSource } from './source';

const dayOf = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 10);

/**
 * The denominator and numerator of "share of their solved cases with a
 * grant", counted by the helpdesk: a count request per agent for their solved
 * cases, and one more for those tagged `frontline_credit` unless `tagged` holds
 * every credit-tagged ticket of the period (a first load's complete search),
 * where they are counted from it instead: 200 agents cost 200 requests, not 400.
 * An agent whose counts fail is left out (the page shows no share for them).
 */
export async function solvedCounts(
  source: AccountSource,
  agentIds: readonly string[],
  bounds: PeriodBounds,
  tagged: readonly Case[] | null,
): Promise<SolvedCount[]> {
  const days = countDays(bounds);
  const count = (assigneeId: string, tag?: string) =>
    source.adapter.countTickets(source.client, source.account, {
      assigneeId,
      solved: true,
      ...days,
      ...(tag === undefined ? {} : { tag }),
    });
  const taggedOf = (id: string): Promise<number> =>
    tagged === null
      ? count(id, CREDIT_TAG)
      : Promise.resolve(
          tagged.filter(
            (c) =>
              c.assigneeId === id &&
              isSolvedStatus(c.status) &&
              dayOf(c.updatedAt) >= days.from &&
              dayOf(c.updatedAt) < days.until,
          ).length,
        );
  const counts = await Promise.all(
    [...new Set(agentIds)].map(async (id) => {
      try {
        const [solved, withGrant] = await Promise.all([count(id), taggedOf(id)]);
        return [{ agentKey: `${source.account}:${id}`, solved, withGrant }];
      } catch {
        return [];
      }
    }),
  );
  return counts.flat();
}
