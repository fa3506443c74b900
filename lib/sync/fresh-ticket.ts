import type { TicketContext } from '../helpdesks/adapter';
import type { CachedContext, RequesterContext } from './store';

const mergedById = <T extends { id: string }>(kept: readonly T[], fresh: readonly T[]): T[] => {
  const ids = new Set(fresh.map((item) => item.id));
  return [...kept.filter((item) => !ids.has(item.id)), ...fresh];
};

/**
 * The context as the cache will hold it once a ticket just read from the helpdesk is written
 * (lib/db/queries.ts putCaseContext): a first view paints this rather than wait for the write and
 * a read back, a third of its time. `requester` is that requester's part, read apart when the
 * ticket's requester is not the one `cached` holds.
 */
export function withFreshTicket(
  cached: CachedContext,
  fresh: TicketContext,
  requester: RequesterContext | null,
): CachedContext {
  // As the cache's merge does: a case cached from a newer read (a history page) is kept.
  const newer =
    cached.case !== null &&
    cached.case.ref.id === fresh.case.ref.id &&
    Date.parse(cached.case.updatedAt) > Date.parse(fresh.case.updatedAt);
  return {
    ...cached,
    ...requester,
    case: newer ? cached.case : fresh.case,
    requester: fresh.requester,
    agents: mergedById(cached.agents, fresh.agents),
    groups: mergedById(cached.groups, fresh.groups),
  };
}
