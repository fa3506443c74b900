import type { Case } from '../domain/model';
import type { HelpdeskKind } from '../domain/ticket-ref';
import type { AccountRow, CaseRow } from './rows';
import { isoToMs } from './rows';
import { estimateBytes } from './size';

/**
 * Every schema the database has had, oldest first. Never edit a shipped version:
 * add one, with an upgrade that turns the previous version's rows into the new ones.
 */

/** v1: the foundation, accounts and cases only. */
export const V1_STORES = {
  accounts: 'host',
  cases: 'refKey, requester, updatedAt',
};

export interface AccountRowV1 {
  host: string;
  helpdesk: HelpdeskKind;
  meId: string | null;
  /** ISO time */
  lastSeen: string;
}

export interface CaseRowV1 {
  refKey: string;
  /** `account:requesterId` */
  requester: string;
  /** ISO time, as the helpdesk sent it */
  updatedAt: string;
  fetchedAt: number;
  case: Case;
}

/** v2: the full cache plus the casework and credit tables. */
export const V2_STORES = {
  accounts: 'host',
  cases: 'refKey, [account+requesterId+updatedAt], updatedAt, lastViewedAt',
  customers: 'key, account',
  agents: 'key, account',
  groups: 'key, account',
  entries: 'key, [caseKey+createdAt]',
  trails: 'caseKey',
  syncState: '[scope+section], scope',
  grants: 'id, [agentKey+at], [customerKey+at], caseKey, state',
  outbox: 'id, nextAttemptAt, caseKey',
  pins: 'caseKey, pinnedAt, dueAt',
  responses: 'key, storedAt',
  meta: 'key',
};

/** v1 kept only the agent's id; the full agent is fetched again on the next view. */
export const accountV1toV2 = (row: AccountRowV1): AccountRow => ({
  host: row.host,
  helpdesk: row.helpdesk,
  me: null,
  lastSeenAt: isoToMs(row.lastSeen),
});

/**
 * v1 indexed the requester as one `account:id` string and the update time as ISO;
 * v2 splits the requester for a compound index, stores times as epoch ms, and
 * starts eviction bookkeeping: a case last viewed when it was last fetched.
 */
export const caseV1toV2 = (row: CaseRowV1): CaseRow => ({
  refKey: row.refKey,
  account: row.case.ref.account,
  requesterId: row.case.requesterId,
  updatedAt: isoToMs(row.case.updatedAt),
  lastViewedAt: row.fetchedAt,
  fetchedAt: row.fetchedAt,
  size: { case: estimateBytes(row.case), entries: 0, trail: 0 },
  case: row.case,
});
