import type { Money } from '../../lib/domain/money';
import type { CreditLine } from '../../lib/domain/snapshot';

export interface AgentCredits {
  agentName: string;
  amounts: Money[];
}

export interface CreditSummary {
  totals: Money[];
  byAgent: AgentCredits[];
}

/** Sums per currency (amounts in different currencies are never added together). */
const addTo = (sums: Money[], amount: number, currency: string): void => {
  const hit = sums.find((m) => m.currency === currency);
  if (hit) hit.amount += amount;
  else sums.push({ amount, currency });
};

/** Totals per currency and per granting agent, the largest giver first. */
export const summarizeCredits = (credits: readonly CreditLine[]): CreditSummary => {
  const totals: Money[] = [];
  const agents = new Map<string, Money[]>();
  for (const line of credits) {
    addTo(totals, line.amount, line.currency);
    const sums = agents.get(line.agentName) ?? [];
    addTo(sums, line.amount, line.currency);
    agents.set(line.agentName, sums);
  }
  const largest = (sums: Money[]) => Math.max(...sums.map((m) => m.amount));
  const byAgent = [...agents.entries()]
    .map(([agentName, amounts]) => ({ agentName, amounts }))
    .sort((a, b) => largest(b.amounts) - largest(a.amounts) || a.agentName.localeCompare(b.agentName));
  return { totals, byAgent };
};
