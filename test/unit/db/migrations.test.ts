import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { putEntries, requesterCases, touchViewed } from '../../../lib/db/queries';
import { DB_VERSION, FrontlineDb } from '../../../lib/db/schema';
import { type AccountRowV1, type CaseRowV1, V1_STORES } from '../../../lib/db/versions';
import { refKey } from '../../../lib/domain/ticket-ref';
import { ACCOUNT, entry, makeCase, ref } from './factories';

interface EarlierVersion {
  version: number;
  stores: Record<string, string>;
  seed(db: Dexie): Promise<void>;
  check(db: FrontlineDb): Promise<void>;
}

const v1Case = (id: number, fetchedAt: number, requesterId = '900'): CaseRowV1 => {
  const item = makeCase(id, { requesterId });
  return {
    refKey: refKey(item.ref),
    requester: `${ACCOUNT}:${requesterId}`,
    updatedAt: item.updatedAt,
    fetchedAt,
    case: item,
  };
};

/** One entry per schema ever shipped before the current one: data in, then checked after the upgrade. */
const EARLIER: EarlierVersion[] = [
  {
    version: 1,
    stores: V1_STORES,
    async seed(db) {
      const account: AccountRowV1 = {
        host: ACCOUNT,
        helpdesk: 'zendesk',
        meId: '500',
        lastSeen: '2024-05-01T10:00:00.000+02:00',
      };
      await db.table('accounts').put(account);
      await db.table('cases').bulkPut([v1Case(1, 1_000), v1Case(2, 2_000), v1Case(3, 3_000, '901')]);
    },
    async check(db) {
      expect(await db.accounts.get(ACCOUNT)).toEqual({
        host: ACCOUNT,
        helpdesk: 'zendesk',
        me: null,
        lastSeenAt: Date.parse('2024-05-01T08:00:00Z'),
      });
      const row = await db.cases.get(refKey(ref(2)));
      expect(row).toMatchObject({
        account: ACCOUNT,
        requesterId: '900',
        updatedAt: Date.parse(makeCase(2).updatedAt),
        lastViewedAt: 2_000,
        fetchedAt: 2_000,
        size: { entries: 0, trail: 0 },
        case: makeCase(2),
      });
      expect(row).not.toHaveProperty('requester');
      expect(row!.size.case).toBeGreaterThan(0);
      // The new compound index answers for migrated rows.
      expect((await requesterCases(db, ACCOUNT, '900')).map((item) => item.ref.id)).toEqual(['2', '1']);
      // And the migrated rows take part in the new tables' bookkeeping.
      await putEntries(db, ref(1), [entry(ref(1), 10, 5_000)], 9_000);
      await touchViewed(db, ref(1), 9_000);
      expect((await db.cases.get(refKey(ref(1))))?.lastViewedAt).toBe(9_000);
      expect((await db.cases.get(refKey(ref(1))))?.size.entries).toBeGreaterThan(0);
    },
  },
];

describe('schema migrations', () => {
  it('covers every earlier version', () => {
    expect(EARLIER.map((earlier) => earlier.version)).toEqual(
      Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1),
    );
  });

  it.each(EARLIER)(
    'upgrades a v$version database with data in it to the current version',
    async (earlier) => {
      const name = `frontline-migration-${earlier.version}-${crypto.randomUUID()}`;
      const old = new Dexie(name);
      old.version(earlier.version).stores(earlier.stores);
      await earlier.seed(old);
      old.close();

      const db = new FrontlineDb(name);
      await db.open();
      expect(db.verno).toBe(DB_VERSION);
      await earlier.check(db);
      db.close();
    },
  );

  it('creates the current schema from nothing', async () => {
    const db = new FrontlineDb(`frontline-new-${crypto.randomUUID()}`);
    await db.open();
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      [
        'accounts',
        'agents',
        'cases',
        'customers',
        'entries',
        'grants',
        'groups',
        'meta',
        'outbox',
        'pins',
        'responses',
        'syncState',
        'trails',
      ].sort(),
    );
    db.close();
  });
});
