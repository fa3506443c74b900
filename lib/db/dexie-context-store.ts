import type { Case } from '../domain/model';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { CachedContext, ContextStore, RequesterContext } from '../sync/store';
import { customerGrantsSince } from './grant-queries';
import {
  accountAgents,
  accountGroups,
  clearMe,
  getAccount,
  getCustomer,
  getEntries,
  getSyncState,
  getTrail,
  putAgents,
  putCaseContext,
  putEntries,
  putGroupList,
  putMe,
  putSyncState,
  putTrail,
  requesterCases,
  touchViewed,
  upsertCases,
} from './queries';
import { historyScope } from './rows';
import type { FrontlineDb } from './schema';

/** The sync's view of the database: what lib/sync needs, in lib/db's terms. */
export function dexieContextStore(db: FrontlineDb, now: () => number = Date.now): ContextStore {
  // A requester's cases, kept in memory between views: reading 5,000 rows back from
  // IndexedDB is most of what a warm view of a long history costs. Every write for that
  // requester drops the copy, and a restarted worker simply reads the database again.
  const histories = new Map<string, Promise<Case[]>>();
  const historyKey = (account: string, requesterId: string) => `${account}:${requesterId}`;
  const forget = (account: string, requesterId: string) => histories.delete(historyKey(account, requesterId));
  const cachedHistory = (account: string, requesterId: string) => {
    const key = historyKey(account, requesterId);
    let found = histories.get(key);
    if (!found) {
      found = requesterCases(db, account, requesterId);
      found.catch(() => histories.delete(key));
      histories.set(key, found);
      if (histories.size > MEMO_REQUESTERS) histories.delete(histories.keys().next().value!);
    }
    return found;
  };

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
    readRequester: (account, requesterId) =>
      db.transaction('r', [db.syncState, db.grants], () => readRequester(db, account, requesterId)),
    readHistory: (account, requesterId) => cachedHistory(account, requesterId),
    writeTicket: (context) => {
      forget(context.case.ref.account, context.case.requesterId);
      return putCaseContext(db, context, now());
    },
    writeHistoryPage: (account, requesterId, cases) => {
      forget(account, requesterId);
      return upsertCases(db, cases, now());
    },
    finishHistory: (account, requesterId, total, at, completeness) =>
      putSyncState(db, {
        scope: historyScope(account, requesterId),
        section: 'history',
        etag: null,
        fetchedAt: at,
        cursor: null,
        complete: true,
        total,
        ...(completeness ? { completeness } : {}),
      }),
    writeEntries: (ref, entries) => putEntries(db, ref, entries, now()),
    readEntries: (ref) => getEntries(db, ref),
    writeTrail: (ref, trail) => putTrail(db, ref, trail, now()),
    writeAgents: (agents) => putAgents(db, agents, now()),
    writeGroupList: (account, helpdesk, groups) => putGroupList(db, account, helpdesk, groups, now()),
    writeMe: (account, me) => putMe(db, account, me, now()),
    clearMe: (account) => clearMe(db, account),
    touch: (ref, at) => touchViewed(db, ref, at),
  };
}

const MEMO_REQUESTERS = 20;

const NO_REQUESTER: RequesterContext = {
  historyComplete: false,
  historyTotal: null,
  historyCompleteness: null,
  historyFetchedAt: null,
  grants: [],
};

async function readRequester(
  db: FrontlineDb,
  account: string,
  requesterId: string,
): Promise<RequesterContext> {
  const [historyState, grants] = await Promise.all([
    getSyncState(db, historyScope(account, requesterId), 'history'),
    customerGrantsSince(db, account, requesterId),
  ]);
  return {
    historyComplete: historyState?.complete ?? false,
    historyTotal: historyState?.total ?? null,
    historyCompleteness: historyState?.completeness ?? null,
    historyFetchedAt: historyState?.complete ? historyState.fetchedAt : null,
    grants,
  };
}

async function readContext(db: FrontlineDb, ref: TicketRef): Promise<CachedContext> {
  const row = await db.cases.get(refKey(ref));
  const current = row?.case ?? null;
  // The account's agents and groups even before the case is cached: a first view's ticket,
  // painted from memory onto this context, names its assignee from them.
  const [account, agents, groups, requester, requesterContext, entries, trail] = await Promise.all([
    getAccount(db, ref.account),
    accountAgents(db, ref.account),
    accountGroups(db, ref.account),
    current ? getCustomer(db, ref.account, current.requesterId) : undefined,
    current ? readRequester(db, ref.account, current.requesterId) : NO_REQUESTER,
    current ? getEntries(db, ref) : null,
    current ? getTrail(db, ref) : null,
  ]);
  return {
    case: current,
    requester: requester ?? null,
    ...requesterContext,
    entries,
    trail,
    agents,
    groups,
    me: account?.me ?? null,
    groupsListedAt: account?.groupsListedAt ?? null,
  };
}
