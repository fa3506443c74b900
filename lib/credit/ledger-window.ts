import type { LedgerCursor } from '../db/ledger-cursor-queries';
import { agentCreditTag } from '../domain/tags';
import type { TicketQuery } from '../helpdesks/adapter';
import { searchDays } from './tagged-grants';

/**
 * How far behind writes the helpdesks' search may be: both document "a few minutes"
 * of indexing lag (Zendesk search API, Freshdesk filter tickets). A ticket updated
 * just before the last search but indexed after it has an `updated_at` older than
 * that search, so the next one must reach back at least this far or never see it.
 */
export const SEARCH_LAG_MS = 15 * 60_000;

/**
 * How often the whole period is searched again although nothing says it must: a tag
 * or line removed from an older ticket of the rep's only shows in a whole-period
 * search (the removal moves the ticket out of the tag's results, not into the
 * "updated since" ones), and an hour bounds how long this browser takes to put it back.
 */
export const FULL_EVERY_MS = 60 * 60_000;

export type OwnLedgerQuery = TicketQuery & { until: string };

/**
 * The search for a rep's own grants this period: the whole period the first time
 * (no cursor, another period, a cursor from the future after a clock change, or
 * FULL_EVERY_MS since the last whole search), otherwise only tickets updated since
 * the last complete search, less SEARCH_LAG_MS. Every grant moves its ticket's
 * `updated_at` when its note lands, so nothing of the rep's is left out; tickets
 * seen again cost no more than a line of the answer.
 */
export function ownLedgerQuery(
  agentId: string,
  periodStart: number,
  now: number,
  cursor: LedgerCursor | null,
): OwnLedgerQuery {
  const query = { tag: agentCreditTag(agentId), ...searchDays(periodStart, now) };
  const whole =
    cursor === null ||
    cursor.periodStart !== periodStart ||
    cursor.searchedAt > now ||
    now - cursor.fullAt >= FULL_EVERY_MS;
  if (whole) return query;
  const since = Math.max(periodStart, cursor.searchedAt - SEARCH_LAG_MS);
  return { ...query, updatedSince: new Date(since).toISOString() };
}

/**
 * How far into the hour an agent's whole searches fall, from the agent's id alone (FNV-1a,
 * whole seconds in [0, FULL_EVERY_MS)): the same in every browser of the agent, and spread
 * evenly over the team, so 200 reps whose profiles start together at 8:00 do not all search
 * their whole period again at 9:00.
 */
export function fullPhase(agentId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < agentId.length; i++) hash = Math.imul(hash ^ agentId.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) % (FULL_EVERY_MS / 1000)) * 1000;
}

/**
 * The cursor after a complete search `query` sent at `searchedAt` by `agentId`. A first whole
 * search (no cursor, or a new period) is dated back by the agent's fullPhase, so its next
 * whole search comes at the agent's own minute of the hour rather than an hour after a
 * start the whole team shares; the hourly ones keep that minute.
 */
export const cursorAfter = (
  query: OwnLedgerQuery,
  periodStart: number,
  searchedAt: number,
  before: LedgerCursor | null,
  agentId: string,
): LedgerCursor => {
  if (query.updatedSince !== undefined)
    return { periodStart, searchedAt, fullAt: before?.fullAt ?? searchedAt };
  const first = before === null || before.periodStart !== periodStart;
  return { periodStart, searchedAt, fullAt: first ? searchedAt - fullPhase(agentId) : searchedAt };
};
