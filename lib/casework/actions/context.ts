import {
  accountAgents,
  accountGroups,
  getCase,
  getEntries,
  getTrail,
  requesterCases,
} from '../../db/queries';
import type { FrontlineDb } from '../../db/schema';
import { isOpenStatus } from '../../domain/case-status';
import type { AssignmentChange, Case, Entry } from '../../domain/model';
import type { TicketRef } from '../../domain/ticket-ref';
import type { HistoryCase } from '../casework-view';

/** What the cache holds for a ticket; null until its case and entries were fetched once. */
export interface CachedCase {
  case: Case;
  entries: Entry[];
  trail: AssignmentChange[];
  agents: Awaited<ReturnType<typeof accountAgents>>;
  groups: Awaited<ReturnType<typeof accountGroups>>;
}

export async function loadCase(db: FrontlineDb, ticket: TicketRef): Promise<CachedCase | null> {
  const [item, entries, trail, agents, groups] = await Promise.all([
    getCase(db, ticket),
    getEntries(db, ticket),
    getTrail(db, ticket),
    accountAgents(db, ticket.account),
    accountGroups(db, ticket.account),
  ]);
  if (item === undefined || entries === null) return null;
  return { case: item, entries, trail: trail ?? [], agents, groups };
}

/**
 * The requester's cached cases; the open ones with their cached entries (their
 * owner may be recorded there), the rest without: a customer with 5,000 closed
 * tickets must not cost 5,000 reads.
 */
export async function loadHistory(db: FrontlineDb, item: Case): Promise<HistoryCase[]> {
  const cases = await requesterCases(db, item.ref.account, item.requesterId);
  return Promise.all(
    cases.map(async (c) => ({
      case: c,
      entries: isOpenStatus(c.status) ? await getEntries(db, c.ref) : null,
    })),
  );
}
