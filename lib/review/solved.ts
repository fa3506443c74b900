import type { PeriodBounds } from '../credit/period';
import { CREDIT_TAG } from '../domain/tags';
import type { AccountSource } from './rebuild';

const DAY_MS = 86_400_000;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The rule the page states for the share. */
export const SHARE_RULE =
  'solved or closed cases assigned to the agent and last updated in the period (whole UTC days, as the helpdesk’s search counts), and of those the ones tagged frontline_credit';

export interface SolvedCount {
  agentKey: string;
  /** Solved or closed cases the agent holds, updated in the period. */
  solved: number;
  /** Of those, the ones with a grant (tagged `frontline_credit`). */
  withGrant: number;
}

/** The UTC days covering the period: search compares whole days. */
export const countDays = (bounds: PeriodBounds) => ({
  from: day(bounds.start),
  until: day(Date.parse(day(bounds.end - 1)) + DAY_MS),
});

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
