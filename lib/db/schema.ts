import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  AccountRow,
  AgentRow,
  ApprovalRow,
  CaseRow,
  CustomerRow,
  EntryRow,
  FollowStateRow,
  GrantRow,
  GroupRow,
  OpRecordRow,
  OutboxRow,
  PinRow,
  PinWatchRow,
  ReadMarkRow,
  ResponseRow,
  ReviewLoadRow,
  ReviewTicketRow,
  SuspectRow,
  SyncStateRow,
  TrailRow,
} from './rows';
import {
  type AccountRowV1,
  accountV1toV2,
  type CaseRowV1,
  caseV1toV2,
  type MetaRowV2,
  metaToV3,
  V1_STORES,
  V2_STORES,
  V3_STORES,
  V4_STORES,
} from './versions';

export const DB_NAME = 'frontline';
export const DB_VERSION = 4;

const upgradeV1toV2 = async (tx: Transaction): Promise<void> => {
  const accounts = await tx.table<AccountRowV1, string>('accounts').toArray();
  await tx.table<AccountRow, string>('accounts').bulkPut(accounts.map(accountV1toV2));
  const cases = await tx.table<CaseRowV1, string>('cases').toArray();
  await tx.table<CaseRow, string>('cases').bulkPut(cases.map(caseV1toV2));
};

/** Every v2 `meta` row moves to its v3 table; `meta` itself goes once the upgrade ends. */
const upgradeV2toV3 = async (tx: Transaction): Promise<void> => {
  const rows = metaToV3(await tx.table<MetaRowV2, string>('meta').toArray());
  await tx.table<ApprovalRow, string>('approvals').bulkPut(rows.approvals);
  await tx.table<OpRecordRow, string>('opRecords').bulkPut(rows.opRecords);
  await tx.table<PinWatchRow, string>('pinWatches').bulkPut(rows.pinWatches);
  await tx.table<ReadMarkRow, string>('readMarks').bulkPut(rows.readMarks);
  await tx.table<SuspectRow, string>('suspects').bulkPut(rows.suspects);
  await tx.table<FollowStateRow, string>('followState').bulkPut(rows.followState);
};

/** The background's database. Only the service worker opens it (DESIGN.md: never a content script). */
export class FrontlineDb extends Dexie {
  accounts!: EntityTable<AccountRow, 'host'>;
  cases!: EntityTable<CaseRow, 'refKey'>;
  customers!: EntityTable<CustomerRow, 'key'>;
  agents!: EntityTable<AgentRow, 'key'>;
  groups!: EntityTable<GroupRow, 'key'>;
  entries!: EntityTable<EntryRow, 'key'>;
  trails!: EntityTable<TrailRow, 'caseKey'>;
  syncState!: Table<SyncStateRow, [string, string]>;
  grants!: EntityTable<GrantRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  pins!: EntityTable<PinRow, 'caseKey'>;
  responses!: EntityTable<ResponseRow, 'key'>;
  approvals!: EntityTable<ApprovalRow, 'id'>;
  opRecords!: EntityTable<OpRecordRow, 'id'>;
  pinWatches!: EntityTable<PinWatchRow, 'caseKey'>;
  readMarks!: EntityTable<ReadMarkRow, 'caseKey'>;
  suspects!: EntityTable<SuspectRow, 'key'>;
  followState!: Table<FollowStateRow, FollowStateRow['name']>;
  reviewTickets!: EntityTable<ReviewTicketRow, 'caseKey'>;
  reviewLoads!: EntityTable<ReviewLoadRow, 'key'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores(V1_STORES);
    this.version(2).stores(V2_STORES).upgrade(upgradeV1toV2);
    this.version(3).stores(V3_STORES).upgrade(upgradeV2toV3);
    this.version(DB_VERSION).stores(V4_STORES);
  }
}

/**
 * The database under `name` (tests pass a fresh name each). Dexie opens it, and
 * runs any upgrade, on the first query, so wiring code need not await here.
 */
export const openDb = (name: string = DB_NAME): FrontlineDb => new FrontlineDb(name);
