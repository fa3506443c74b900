import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  AccountRow,
  AgentRow,
  CaseRow,
  CustomerRow,
  EntryRow,
  GrantRow,
  GroupRow,
  MetaRow,
  OutboxRow,
  PinRow,
  ResponseRow,
  SyncStateRow,
  TrailRow,
} from './rows';
import {
  type AccountRowV1,
  accountV1toV2,
  type CaseRowV1,
  caseV1toV2,
  V1_STORES,
  V2_STORES,
} from './versions';

export const DB_NAME = 'frontline';
export const DB_VERSION = 2;

const upgradeV1toV2 = async (tx: Transaction): Promise<void> => {
  const accounts = await tx.table<AccountRowV1, string>('accounts').toArray();
  await tx.table<AccountRow, string>('accounts').bulkPut(accounts.map(accountV1toV2));
  const cases = await tx.table<CaseRowV1, string>('cases').toArray();
  await tx.table<CaseRow, string>('cases').bulkPut(cases.map(caseV1toV2));
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
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores(V1_STORES);
    this.version(DB_VERSION).stores(V2_STORES).upgrade(upgradeV1toV2);
  }
}

/**
 * The database under `name` (tests pass a fresh name each). Dexie opens it, and
 * runs any upgrade, on the first query, so wiring code need not await here.
 */
export const openDb = (name: string = DB_NAME): FrontlineDb => new FrontlineDb(name);
