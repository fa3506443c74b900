/** The rule the page states: an agent is an outlier outside Tukey's fences of the team's totals. */
export const OUTLIER_RULE = 'outside Q1 − 1.5·IQR … Q3 + 1.5·IQR of the agents’ totals';

export interface Fences {
  q1: number;
  q3: number;
  low: number;
  high: number;
}

/** Quantile by linear interpolation between closest ranks (the common "type 7"). */
export const quantile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * p;
  const lower = Math.floor(at);
  const a = sorted[lower] ?? 0;
  const b = sorted[Math.min(lower + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * (at - lower);
};

/** Fences of a team's totals; fewer than four agents give no fences (too few to call anyone far off). */
export function fences(totals: readonly number[]): Fences | null {
  if (totals.length < 4) return null;
  const sorted = [...totals].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  return { q1, q3, low: q1 - 1.5 * iqr, high: q3 + 1.5 * iqr };
}

export type OutlierFlag = 'high' | 'low' | null;

export const outlierOf = (total: number, bounds: Fences | null): OutlierFlag =>
  bounds === null ? null : total > bounds.high ? 'high' : total < bounds.low ? 'low' : null;
