import { Dexie } from 'dexie';
import type { CreditGrant } from '../domain/credit-grant';
import { refKey } from '../domain/ticket-ref';
import { type GrantRow, isoToMs, personKey } from './rows';
import type { FrontlineDb } from './schema';

/** The only way a grant becomes a row, so the indexed copies never drift from the grant. */
export const grantRow = (grant: CreditGrant): GrantRow => ({
  id: grant.id,
  caseKey: refKey(grant.ticket),
  agentKey: personKey(grant.ticket.account, grant.agentId),
  customerKey: personKey(grant.ticket.account, grant.customerId),
  at: isoToMs(grant.at),
  state: grant.state,
  grant,
});

export async function putGrant(db: FrontlineDb, grant: CreditGrant): Promise<void> {
  await db.grants.put(grantRow(grant));
}

export async function putGrants(db: FrontlineDb, grants: CreditGrant[]): Promise<void> {
  await db.grants.bulkPut(grants.map(grantRow));
}

/** An agent's grants from `since` (epoch ms, inclusive), oldest first. */
export async function agentGrantsSince(
  db: FrontlineDb,
  account: string,
  agentId: string,
  since: number,
): Promise<CreditGrant[]> {
  const key = personKey(account, agentId);
  const rows = await db.grants
    .where('[agentKey+at]')
    .between([key, since], [key, Dexie.maxKey], true, true)
    .toArray();
  return rows.map((row) => row.grant);
}

/** A customer's grants from `since` (epoch ms, inclusive), oldest first. */
export async function customerGrantsSince(
  db: FrontlineDb,
  account: string,
  customerId: string,
  since = 0,
): Promise<CreditGrant[]> {
  const key = personKey(account, customerId);
  const rows = await db.grants
    .where('[customerKey+at]')
    .between([key, since], [key, Dexie.maxKey], true, true)
    .toArray();
  return rows.map((row) => row.grant);
}

export async function getGrant(db: FrontlineDb, id: string): Promise<GrantRow | undefined> {
  return db.grants.get(id);
}

/** A new grant; fails (and aborts the transaction) when its id is already stored. */
export async function addGrant(db: FrontlineDb, grant: CreditGrant): Promise<void> {
  await db.grants.add(grantRow(grant));
}

/** The stored grants among these ids, in no particular order. */
export async function grantsById(db: FrontlineDb, ids: readonly string[]): Promise<CreditGrant[]> {
  return (await db.grants.bulkGet([...ids])).flatMap((row) => (row ? [row.grant] : []));
}

/** One ticket's grants, every state. */
export async function caseGrants(db: FrontlineDb, caseKey: string): Promise<CreditGrant[]> {
  return (await db.grants.where('caseKey').equals(caseKey).toArray()).map((row) => row.grant);
}

/** Every recorded grant, with its time as epoch ms. */
export async function recordedGrants(db: FrontlineDb): Promise<GrantRow[]> {
  return db.grants.where('state').equals('recorded').toArray();
}
