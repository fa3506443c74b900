import type { PeriodBounds } from '../credit/period';
import { countDays, type SolvedCount } from '../domain/review/solved';
import { CREDIT_TAG } from '../domain/tags';
import type { AccountSource } from './source';

/**
 * The denominator and numerator of "share of their solved cases with a
 * grant", counted by the helpdesk: two count requests per agent. An agent
 * whose counts fail is left out (the page shows no share for them).
 */
export async function solvedCounts(
  source: AccountSource,
  agentIds: readonly string[],
  bounds: PeriodBounds,
): Promise<SolvedCount[]> {
  const days = countDays(bounds);
  const count = (assigneeId: string, tag?: string) =>
    source.adapter.countTickets(source.client, source.account, {
      assigneeId,
      solved: true,
      ...days,
      ...(tag === undefined ? {} : { tag }),
    });
  const counts = await Promise.all(
    [...new Set(agentIds)].map(async (id) => {
      try {
        const [solved, withGrant] = await Promise.all([count(id), count(id, CREDIT_TAG)]);
        return [{ agentKey: `${source.account}:${id}`, solved, withGrant }];
      } catch {
        return [];
      }
    }),
  );
  return counts.flat();
}
