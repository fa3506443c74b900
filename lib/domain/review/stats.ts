import { quantile } from './outliers';
import { agentKeyOf, type ReviewRow } from './review-row';
import type { SolvedCount } from './solved';

/** Smallest, quartiles, median and largest of a set of amounts (integer minor units, quartiles interpolated). */
export interface Spread {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export function spreadOf(amounts: readonly number[]): Spread {
  const sorted = [...amounts].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? 0,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted.at(-1) ?? 0,
  };
}

export interface AgentStats {
  agentKey: string;
  agentName: string;
  count: number;
  /** Integer minor units; a period mixing currencies is summed per row as recorded. */
  total: number;
  /** Integer minor units: the lower middle value of an even count, so it stays a whole amount. */
  median: number;
  /** The five-number summary of the agent's grant amounts, for the distribution chart. */
  spread: Spread;
  /** The agent's solved cases with a grant over their solved cases (solved.ts); null when not counted. */
  solvedShare: number | null;
}

/** The median of integers, kept an integer: the lower of the two middle values for an even count. */
export const medianMinor = (values: readonly number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/**
 * Per agent: count, total, median and spread of their grants, and the share
 * of their solved cases that had a grant, from the helpdesk's counts
 * (solved.ts); null where the counts are missing or the agent solved none.
 */
export function agentStats(rows: readonly ReviewRow[], counts: readonly SolvedCount[] = []): AgentStats[] {
  const byAgent = new Map<string, ReviewRow[]>();
  for (const row of rows) {
    const key = agentKeyOf(row);
    const own = byAgent.get(key);
    if (own) own.push(row);
    else byAgent.set(key, [row]);
  }
  const countOf = new Map(counts.map((c) => [c.agentKey, c]));
  return [...byAgent.entries()]
    .map(([agentKey, own]) => {
      const amounts = own.map((r) => r.amount);
      const count = countOf.get(agentKey);
      return {
        agentKey,
        agentName: own[0]?.agentName ?? agentKey,
        count: own.length,
        total: amounts.reduce((sum, a) => sum + a, 0),
        median: medianMinor(amounts),
        spread: spreadOf(amounts),
        solvedShare:
          count === undefined || count.solved === 0 ? null : Math.min(1, count.withGrant / count.solved),
      };
    })
    .sort((a, b) => b.total - a.total || a.agentName.localeCompare(b.agentName));
}
