import type { Case } from '../domain/model';
import type { HelpdeskKind } from '../domain/ticket-ref';
import type {
  AccountRow,
  ApprovalRow,
  CaseRow,
  FollowStateRow,
  OpRecordRow,
  PinWatchRow,
  ReadMarkRow,
  SuspectRow,
} from './rows';
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

/** v3: v2's untyped `meta` store becomes one table per concern. */
export const V3_STORES = {
  ...V2_STORES,
  meta: null,
  approvals: 'id, caseKey',
  opRecords: 'id, caseKey',
  pinWatches: 'caseKey',
  readMarks: 'caseKey',
  suspects: 'key, caseKey, account',
  followState: 'name',
};

/** v4: the manager review's memory of the tickets it read and of its last load per period (issue 17). */
export const V4_STORES = {
  ...V3_STORES,
  reviewTickets: 'caseKey, account',
  reviewLoads: 'key',
};

/** A v2 `meta` row: a prefixed key and whatever its writer stored. */
export interface MetaRowV2 {
  key: string;
  value: unknown;
}

/** The v3 rows v2's `meta` rows become. */
export interface MetaRowsV3 {
  approvals: ApprovalRow[];
  opRecords: OpRecordRow[];
  pinWatches: PinWatchRow[];
  readMarks: ReadMarkRow[];
  suspects: SuspectRow[];
  followState: FollowStateRow[];
}

/** `caseKey:id` (a case key has colons itself; the id, a UUID, has none). */
const splitCaseAndId = (rest: string): { caseKey: string; id: string } => {
  const at = rest.lastIndexOf(':');
  return { caseKey: rest.slice(0, at), id: rest.slice(at + 1) };
};

/** The account of a case key `helpdesk:account:id`. */
const accountOfCaseKey = (caseKey: string): string => caseKey.split(':')[1] ?? '';

/**
 * Sorts v2's `meta` rows by the key prefix each writer used. Bodies are moved as
 * stored, not validated: every reader validated them in v2 and still does, so a
 * malformed body reads the same (as missing) before and after.
 */
export function metaToV3(rows: readonly MetaRowV2[]): MetaRowsV3 {
  const out: MetaRowsV3 = {
    approvals: [],
    opRecords: [],
    pinWatches: [],
    readMarks: [],
    suspects: [],
    followState: [],
  };
  for (const { key, value } of rows) {
    // Each body is cast to its writer's type: see above for why that is safe.
    if (key.startsWith('credit-approval:')) {
      const { caseKey, id } = splitCaseAndId(key.slice('credit-approval:'.length));
      out.approvals.push({ id, caseKey, record: value as ApprovalRow['record'] });
    } else if (key.startsWith('casework-op:')) {
      const { caseKey, id } = splitCaseAndId(key.slice('casework-op:'.length));
      out.opRecords.push({ id, caseKey, record: value as OpRecordRow['record'] });
    } else if (key.startsWith('pin-watch:')) {
      out.pinWatches.push({ caseKey: key.slice('pin-watch:'.length), watch: value as PinWatchRow['watch'] });
    } else if (key.startsWith('credit-read:')) {
      if (typeof value === 'string')
        out.readMarks.push({ caseKey: key.slice('credit-read:'.length), updatedAt: value });
    } else if (key.startsWith('suspect:')) {
      const rest = key.slice('suspect:'.length);
      const caseKey = rest.slice(0, rest.indexOf('|'));
      out.suspects.push({
        key: rest,
        caseKey,
        account: accountOfCaseKey(caseKey),
        note: value as SuspectRow['note'],
      });
    } else if (key === 'followthrough:pin-clock') {
      out.followState.push({ name: 'pin-clock', clock: value });
    } else if (key === 'followthrough:last-check') {
      const check = (typeof value === 'object' && value !== null ? value : {}) as {
        at?: unknown;
        error?: unknown;
      };
      out.followState.push({
        name: 'last-check',
        at: typeof check.at === 'number' ? check.at : null,
        error: check.error ?? null,
      });
    }
  }
  return out;
}
