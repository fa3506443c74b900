import type { Case } from '../domain/model';
import type { HelpdeskAdapter, TicketQuery } from './adapter';
import type { Client } from './http';

const DAY_MS = 86_400_000;
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export interface WalkResult {
  cases: Case[];
  /** Matches left unread: a single day held more than one search serves. */
  missed: number;
}

/**
 * Every ticket matching `query` updated in [from, until): one search when the
 * matches fit in what a search serves (Zendesk 1,000, Freshdesk 300), otherwise
 * the days are halved until each part fits. A single day too full keeps the
 * first page (its newest) and counts the rest as missed: more than 1,000 (300)
 * tagged tickets updated in one day is beyond what an agent's search can list.
 * Each split costs one extra first page.
 */
export async function searchAll(
  adapter: HelpdeskAdapter,
  client: Client,
  account: string,
  query: TicketQuery & { until: string },
): Promise<WalkResult> {
  const found = new Map<string, Case>();
  let missed = 0;
  async function walk(from: number, until: number): Promise<void> {
    const part = { ...query, from: toDay(from), until: toDay(until) };
    const answer = await adapter.searchTickets(client, account, part);
    const days = Math.round((until - from) / DAY_MS);
    if (answer.complete || days <= 1) {
      for (const c of answer.cases) found.set(c.ref.id, c);
      missed += answer.complete ? 0 : answer.total - answer.cases.length;
      return;
    }
    const middle = from + Math.floor(days / 2) * DAY_MS;
    await walk(from, middle);
    await walk(middle, until);
  }
  await walk(dayMs(query.from), dayMs(query.until));
  return { cases: [...found.values()], missed };
}
