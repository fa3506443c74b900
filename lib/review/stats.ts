import { agentKeyOf, type ReviewRow } from './review-row';

export interface AgentStats {
  agentKey: string;
  agentName: string;
  count: number;
  /** Integer minor units; a period mixing currencies is summed per row as recorded. */
  total: number;
  /** Integer minor units: the lower middle value of an even count, so it stays a whole amount. */
  median: number;
  /** Solved cases with a grant from this agent, over this agent's solved cases known; null when none known. */
  solvedShare: number | null;
}

/** The median of integers, kept an integer: the lower of the two middle values for an even count. */
export const medianMinor = (values: readonly number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/** A solved case of an agent in the period (from the cache), whether or not it had a grant. */
export interface SolvedCase {
  agentKey: string;
  caseKey: string;
}

const caseKeyOf = (row: ReviewRow): string => `${row.helpdesk}:${row.account}:${row.ticketId}`;

/**
 * Per agent: count, total and median of their grants, and the share of their
 * solved cases that had one. Solved cases are the cached cases the agent holds
 * solved in the period plus the grants' own tickets known to be solved.
 */
export function agentStats(rows: readonly ReviewRow[], solved: readonly SolvedCase[] = []): AgentStats[] {
  const byAgent = new Map<string, ReviewRow[]>();
  for (const row of rows) {
    const key = agentKeyOf(row);
    byAgent.set(key, [...(byAgent.get(key) ?? []), row]);
  }
  return [...byAgent.entries()]
    .map(([agentKey, own]) => {
      const granted = new Set(own.filter((r) => r.solved === true).map(caseKeyOf));
      const solvedCases = new Set([
        ...granted,
        ...solved.filter((s) => s.agentKey === agentKey).map((s) => s.caseKey),
      ]);
      const amounts = own.map((r) => r.amount);
      return {
        agentKey,
        agentName: own[0]?.agentName ?? agentKey,
        count: own.length,
        total: amounts.reduce((sum, a) => sum + a, 0),
        median: medianMinor(amounts),
        solvedShare: solvedCases.size === 0 ? null : granted.size / solvedCases.size,
      };
    })
    .sort((a, b) => b.total - a.total || a.agentName.localeCompare(b.agentName));
}
