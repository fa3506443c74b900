import type { ReviewSpan } from './page-data';

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
export const countDays = (bounds: ReviewSpan) => ({
  from: day(bounds.start),
  until: day(Date.parse(day(bounds.end - 1)) + DAY_MS),
});
