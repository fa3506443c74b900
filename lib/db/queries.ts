import { Dexie, type IndexableType } from 'dexie';
import type { Agent, AssignmentChange, Case, Customer, Entry, Group } from '../domain/model';
import { type HelpdeskKind, refKey, type TicketRef } from '../domain/ticket-ref';
import {
  type AccountRow,
  type CaseRow,
  entryKey,
  isoToMs,
  personKey,
  type SyncSection,
  type SyncStateRow,
} from './rows';
import type { FrontlineDb } from './schema';
import { estimateBytes } from './size';

/** A ticket with the people around it (same shape as the adapters' TicketContext). */
export interface CaseContext {
  case: Case;
  requester: Customer;
  agents: Agent[];
  groups: Group[];
}

/** Bounds of the `[caseKey+createdAt]` index for one case. */
export const caseRange = (caseKey: string): [IndexableType, IndexableType] => [
  [caseKey, Dexie.minKey],
  [caseKey, Dexie.maxKey],
];

/**
 * A row for `incoming`, keeping what the database knows better: when the rep last
 * viewed it, the size of its entries and trail, and a newer copy of the case (a
 * search-index history page can arrive after the fresher ticket itself).
 */
const mergeCase = (incoming: Case, existing: CaseRow | undefined, now: number): CaseRow => {
  const updatedAt = isoToMs(incoming.updatedAt);
  if (existing !== undefined && existing.updatedAt > updatedAt) return existing;
  return {
    refKey: refKey(incoming.ref),
    account: incoming.ref.account,
    requesterId: incoming.requesterId,
    updatedAt,
    lastViewedAt: existing?.lastViewedAt ?? now,
    fetchedAt: now,
    size: {
      case: estimateBytes(incoming),
      entries: existing?.size.entries ?? 0,
      trail: existing?.size.trail ?? 0,
    },
    case: incoming,
  };
};

/** Many cases (a history page) in one transaction. */
export async function upsertCases(db: FrontlineDb, cases: Case[], now: number): Promise<void> {
  if (cases.length === 0) return;
  await db.transaction('rw', db.cases, async () => {
    const existing = await db.cases.bulkGet(cases.map((item) => refKey(item.ref)));
    await db.cases.bulkPut(cases.map((item, i) => mergeCase(item, existing[i], now)));
  });
}

/** The columns every row of a person or group shares: keyed per account, stamped when fetched. */
const personColumns = (item: { account: string; id: string }, now: number) => ({
  key: personKey(item.account, item.id),
  account: item.account,
  fetchedAt: now,
});

export async function putAgents(db: FrontlineDb, agents: Agent[], now: number): Promise<void> {
  await db.agents.bulkPut(agents.map((agent) => ({ ...personColumns(agent, now), agent })));
}

/** Whether the cache knows this agent (`account:id`, see personKey). */
export async function hasAgent(db: FrontlineDb, key: string): Promise<boolean> {
  return (await db.agents.get(key)) !== undefined;
}

/** Customers read on their own (the review's names); a ticket's requester is written with its case. */
export async function putCustomers(db: FrontlineDb, customers: Customer[], now: number): Promise<void> {
  await db.customers.bulkPut(customers.map((customer) => ({ ...personColumns(customer, now), customer })));
}

/** Cached customers of an account among these ids. */
export async function knownCustomers(
  db: FrontlineDb,
  account: string,
  ids: readonly string[],
): Promise<Customer[]> {
  const rows = await db.customers.bulkGet(ids.map((id) => personKey(account, id)));
  return rows.flatMap((row) => (row ? [row.customer] : []));
}

export async function putGroups(db: FrontlineDb, groups: Group[], now: number): Promise<void> {
  await db.groups.bulkPut(groups.map((group) => ({ ...personColumns(group, now), group })));
}

/** The ticket, its requester and the side-loaded agents and groups, in one transaction. */
export async function putCaseContext(db: FrontlineDb, context: CaseContext, now: number): Promise<void> {
  const key = refKey(context.case.ref);
  await db.transaction(
    'rw',
    [db.cases, db.customers, db.agents, db.groups, db.entries, db.trails],
    async () => {
      const existing = await db.cases.get(key);
      const row = mergeCase(context.case, existing, now);
      if (existing === undefined) {
        // Entries may have landed first (they are fetched in parallel): count them now.
        let entries = 0;
        await db.entries
          .where('[caseKey+createdAt]')
          .between(...caseRange(key))
          .each((entry) => {
            entries += entry.bytes;
          });
        const trail = await db.trails.get(key);
        row.size = { ...row.size, entries, trail: trail === undefined ? 0 : estimateBytes(trail) };
      }
      const requester = context.requester;
      await db.cases.put(row);
      await db.customers.put({ ...personColumns(requester, now), customer: requester });
      await putAgents(db, context.agents, now);
      await putGroups(db, context.groups, now);
    },
  );
}

export async function getCase(db: FrontlineDb, ref: TicketRef): Promise<Case | undefined> {
  return (await db.cases.get(refKey(ref)))?.case;
}

/** The cached ticket with its requester and the agent and group it names; null when not cached. */
export async function getCaseContext(db: FrontlineDb, ref: TicketRef): Promise<CaseContext | null> {
  return db.transaction('r', [db.cases, db.customers, db.agents, db.groups], async () => {
    const row = await db.cases.get(refKey(ref));
    if (row === undefined) return null;
    const item = row.case;
    const requester = await db.customers.get(personKey(item.ref.account, item.requesterId));
    if (requester === undefined) return null;
    const agent =
      item.assigneeId === null
        ? undefined
        : await db.agents.get(personKey(item.ref.account, item.assigneeId));
    const group =
      item.groupId === null ? undefined : await db.groups.get(personKey(item.ref.account, item.groupId));
    return {
      case: item,
      requester: requester.customer,
      agents: agent === undefined ? [] : [agent.agent],
      groups: group === undefined ? [] : [group.group],
    };
  });
}

export async function getCustomer(
  db: FrontlineDb,
  account: string,
  id: string,
): Promise<Customer | undefined> {
  return (await db.customers.get(personKey(account, id)))?.customer;
}

/** Every cached case of a requester, most recently updated first. */
export async function requesterCases(
  db: FrontlineDb,
  account: string,
  requesterId: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<Case[]> {
  const rows = await db.cases
    .where('[account+requesterId+updatedAt]')
    .between([account, requesterId, Dexie.minKey], [account, requesterId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
  return rows.map((row) => row.case);
}

export async function getSyncState(
  db: FrontlineDb,
  scope: string,
  section: SyncSection,
): Promise<SyncStateRow | undefined> {
  return db.syncState.get([scope, section]);
}

export async function putSyncState(db: FrontlineDb, row: SyncStateRow): Promise<void> {
  await db.syncState.put(row);
}

const fetchedNow = (
  scope: string,
  section: SyncSection,
  now: number,
  total: number | null,
): SyncStateRow => ({
  scope,
  section,
  etag: null,
  fetchedAt: now,
  cursor: null,
  complete: true,
  total,
});

/** Replaces all entries of a case (the adapter always returns every page). */
export async function putEntries(
  db: FrontlineDb,
  ref: TicketRef,
  entries: Entry[],
  now: number,
): Promise<void> {
  const caseKey = refKey(ref);
  const rows = entries.map((entry) => ({
    key: entryKey(caseKey, entry.id),
    caseKey,
    createdAt: isoToMs(entry.createdAt),
    bytes: estimateBytes(entry),
    entry,
  }));
  await db.transaction('rw', [db.entries, db.cases, db.syncState], async () => {
    await db.entries
      .where('[caseKey+createdAt]')
      .between(...caseRange(caseKey))
      .delete();
    await db.entries.bulkPut(rows);
    const bytes = rows.reduce((sum, row) => sum + row.bytes, 0);
    await db.cases
      .where('refKey')
      .equals(caseKey)
      .modify((row) => {
        row.size.entries = bytes;
      });
    await db.syncState.put(fetchedNow(caseKey, 'entries', now, entries.length));
  });
}

/** The entries of a case, oldest first; null when they were never fetched. */
export async function getEntries(db: FrontlineDb, ref: TicketRef): Promise<Entry[] | null> {
  const caseKey = refKey(ref);
  return db.transaction('r', [db.entries, db.syncState], async () => {
    if ((await db.syncState.get([caseKey, 'entries'])) === undefined) return null;
    const rows = await db.entries
      .where('[caseKey+createdAt]')
      .between(...caseRange(caseKey))
      .toArray();
    return rows.map((row) => row.entry);
  });
}

export async function putTrail(
  db: FrontlineDb,
  ref: TicketRef,
  changes: AssignmentChange[],
  now: number,
): Promise<void> {
  const caseKey = refKey(ref);
  const row = { caseKey, fetchedAt: now, changes };
  await db.transaction('rw', [db.trails, db.cases], async () => {
    await db.trails.put(row);
    await db.cases
      .where('refKey')
      .equals(caseKey)
      .modify((item) => {
        item.size.trail = estimateBytes(row);
      });
  });
}

/** The reassignment trail; null when it was never fetched. */
export async function getTrail(db: FrontlineDb, ref: TicketRef): Promise<AssignmentChange[] | null> {
  return (await db.trails.get(refKey(ref)))?.changes ?? null;
}

/** The rep has this case in front of them: it moves to the back of the eviction line. */
export async function touchViewed(db: FrontlineDb, ref: TicketRef, now: number): Promise<void> {
  await db.cases.update(refKey(ref), { lastViewedAt: now });
}

export async function accountAgents(db: FrontlineDb, account: string): Promise<Agent[]> {
  return (await db.agents.where('account').equals(account).toArray()).map((row) => row.agent);
}

export async function accountGroups(db: FrontlineDb, account: string): Promise<Group[]> {
  return (await db.groups.where('account').equals(account).toArray()).map((row) => row.group);
}

export async function getAccount(db: FrontlineDb, host: string): Promise<AccountRow | undefined> {
  return db.accounts.get(host);
}

/** The signed-in agent of an account, as the helpdesk last told us. */
export async function putMe(db: FrontlineDb, account: string, me: Agent, now: number): Promise<void> {
  await db.transaction('rw', db.accounts, async () => {
    const row = await db.accounts.get(account);
    await db.accounts.put({ ...row, host: account, helpdesk: me.helpdesk, me, lastSeenAt: now });
  });
}

/** The account's whole group list and when it was read (the row is made if the agent is not known yet). */
export async function putGroupList(
  db: FrontlineDb,
  account: string,
  helpdesk: HelpdeskKind,
  groups: Group[],
  now: number,
): Promise<void> {
  await db.transaction('rw', [db.groups, db.accounts], async () => {
    await putGroups(db, groups, now);
    const row = await db.accounts.get(account);
    await db.accounts.put({
      host: account,
      helpdesk,
      me: null,
      lastSeenAt: now,
      ...row,
      groupsListedAt: now,
    });
  });
}

/** The signed-in agent's groups as read now, kept for the next worker (the row is made if need be). */
export async function putMyGroups(
  db: FrontlineDb,
  account: string,
  helpdesk: HelpdeskKind,
  myGroups: NonNullable<AccountRow['myGroups']>,
): Promise<void> {
  await db.transaction('rw', db.accounts, async () => {
    const row = await db.accounts.get(account);
    await db.accounts.put({ host: account, helpdesk, me: null, lastSeenAt: myGroups.at, ...row, myGroups });
  });
}

/** The helpdesk says nobody is signed in: no command may go out under the agent it named before. */
export async function clearMe(db: FrontlineDb, account: string): Promise<void> {
  await db.accounts.update(account, { me: null });
}
