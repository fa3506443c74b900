import { customerGrantsSince } from '../db/grant-queries';
import {
  accountAgents,
  accountGroups,
  getAccount,
  getCustomer,
  getEntries,
  getSyncState,
  getTrail,
  putAgents,
  putCaseContext,
  putEntries,
  putGroups,
  putMe,
  putSyncState,
  putTrail,
  requesterCases,
  touchViewed,
  upsertCases,
} from '../db/queries';
import { historyScope } from '../db/rows';
import type { FrontlineDb } from '../db/schema';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { CachedContext, ContextStore } from './store';

/** The sync's view of the database: what lib/sync needs, in lib/db's terms. */
export function dexieContextStore(db: FrontlineDb, now: () => number = Date.now): ContextStore {
  return {
    // One read transaction, so a write landing mid-read cannot give a mixed view.
    read: (ref) =>
      db.transaction(
        'r',
        [
          db.cases,
          db.accounts,
          db.customers,
          db.syncState,
          db.entries,
          db.trails,
          db.agents,
          db.groups,
          db.grants,
        ],
        () => readContext(db, ref),
      ),
    writeTicket: (context) => putCaseContext(db, context, now()),
    writeHistoryPage: (_account, _requesterId, cases) => upsertCases(db, cases, now()),
    finishHistory: (account, requesterId, total, at) =>
      putSyncState(db, {
        scope: historyScope(account, requesterId),
        section: 'history',
        etag: null,
        fetchedAt: at,
        cursor: null,
        complete: true,
        total,
      }),
    writeEntries: (ref, entries) => putEntries(db, ref, entries, now()),
    readEntries: (ref) => getEntries(db, ref),
    writeTrail: (ref, trail) => putTrail(db, ref, trail, now()),
    writeAgents: (agents) => putAgents(db, agents, now()),
    writeGroups: (groups) => putGroups(db, groups, now()),
    writeMe: (account, me) => putMe(db, account, me, now()),
    touch: (ref, at) => touchViewed(db, ref, at),
  };
}

async function readContext(db: FrontlineDb, ref: TicketRef): Promise<CachedContext> {
  const row = await db.cases.get(refKey(ref));
  const current = row?.case ?? null;
  const account = await getAccount(db, ref.account);
  if (!current) {
    return {
      case: null,
      requester: null,
      history: [],
      historyComplete: false,
      historyTotal: null,
      historyFetchedAt: null,
      entries: null,
      trail: null,
      agents: [],
      groups: [],
      grants: [],
      me: account?.me ?? null,
    };
  }
  const [requester, history, historyState, entries, trail, agents, groups, grants] = await Promise.all([
    getCustomer(db, ref.account, current.requesterId),
    requesterCases(db, ref.account, current.requesterId),
    getSyncState(db, historyScope(ref.account, current.requesterId), 'history'),
    getEntries(db, ref),
    getTrail(db, ref),
    accountAgents(db, ref.account),
    accountGroups(db, ref.account),
    customerGrantsSince(db, ref.account, current.requesterId),
  ]);
  return {
    case: current,
    requester: requester ?? null,
    history,
    historyComplete: historyState?.complete ?? false,
    historyTotal: historyState?.total ?? null,
    historyFetchedAt: historyState?.complete ? historyState.fetchedAt : null,
    entries,
    trail,
    agents,
    groups,
    grants,
    me: account?.me ?? null,
  };
}
