import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { getApproval, ticketApprovals } from '../../../lib/db/approval-queries';
import { caseOpRecords, getOpRecord } from '../../../lib/db/op-record-queries';
import { allPins, getLastCheck, getPinClock } from '../../../lib/db/pin-queries';
import { putEntries, requesterCases, touchViewed } from '../../../lib/db/queries';
import { readMarksOf } from '../../../lib/db/read-mark-queries';
import { DB_VERSION, FrontlineDb } from '../../../lib/db/schema';
import { suspectsIn } from '../../../lib/db/suspect-queries';
import {
  type AccountRowV1,
  type CaseRowV1,
  type MetaRowV2,
  V1_STORES,
  V2_STORES,
  V3_STORES,
} from '../../../lib/db/versions';
import type { ApprovalRecord } from '../../../lib/domain/approval-record';
import { emptyWatch } from '../../../lib/domain/followthrough';
import type { OpRecord } from '../../../lib/domain/op-record';
import type { SuspectNote } from '../../../lib/domain/suspect-note';
import { refKey } from '../../../lib/domain/ticket-ref';
import { ACCOUNT, entry, makeCase, ref } from './factories';

interface EarlierVersion {
  version: number;
  stores: Record<string, string | null>;
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

const APPROVAL: ApprovalRecord = {
  id: '11111111-1111-4111-8111-111111111111',
  ticket: ref(7),
  agentId: '500',
  agentName: 'Ana',
  customerId: '900',
  amount: { amount: 5000, currency: 'USD' },
  reason: 'broken on arrival',
  at: '2024-05-01T10:00:00Z',
  state: 'sent',
};
const OP: OpRecord = {
  opId: '22222222-2222-4222-8222-222222222222',
  kind: 'escalate',
  state: 'failed',
  error: 'The helpdesk refused the note (403)',
  at: 1_000,
  settledAt: 2_000,
};
const SUSPECT: SuspectNote = {
  ticket: ref(7),
  entryId: '31',
  at: '2024-05-02T10:00:00Z',
  kind: 'credit',
  authorId: '77',
  namedAgent: '500',
  amount: 900,
  currency: 'USD',
  why: 'author-not-agent',
};
const CLOCK = {
  origin: 'abcd1234',
  counter: 3,
  pins: { [refKey(ref(7))]: { version: 3, origin: 'abcd1234' } },
  removed: [],
};
const WATCH = { ...emptyWatch(), seenStatus: 'open', checkedAt: 4_000 };

/** Every kind of row v2 kept in its untyped `meta` store, keyed as each writer keyed it. */
const V2_META: MetaRowV2[] = [
  { key: `credit-approval:${refKey(ref(7))}:${APPROVAL.id}`, value: APPROVAL },
  { key: `casework-op:${refKey(ref(7))}:${OP.opId}`, value: OP },
  { key: `pin-watch:${refKey(ref(7))}`, value: WATCH },
  { key: `credit-read:${refKey(ref(7))}`, value: '2024-05-03T10:00:00Z' },
  { key: `suspect:${refKey(ref(7))}|31`, value: SUSPECT },
  { key: 'followthrough:pin-clock', value: CLOCK },
  { key: 'followthrough:last-check', value: { at: 5_000, error: { kind: 'offline' } } },
];

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
  {
    version: 2,
    stores: V2_STORES,
    async seed(db) {
      const pinned = makeCase(7);
      await db.table('pins').put({
        caseKey: refKey(ref(7)),
        ticket: ref(7),
        pinnedAt: 3_000,
        dueAt: null,
        note: '',
        lastSeenUpdate: pinned.updatedAt,
      });
      await db.table('meta').bulkPut(V2_META);
    },
    // v2's untyped meta rows: each kind is found by its reader in its own v3 table, and meta is gone.
    async check(db) {
      const caseKey = refKey(ref(7));
      expect(await getApproval(db, caseKey, APPROVAL.id)).toEqual(APPROVAL);
      expect(await ticketApprovals(db, ref(7))).toEqual([APPROVAL]);
      expect(await getOpRecord(db, caseKey, OP.opId)).toEqual(OP);
      expect(await caseOpRecords(db, caseKey)).toEqual([OP]);
      expect((await allPins(db)).map((p) => p.watch)).toEqual([WATCH]);
      expect(await readMarksOf(db, [caseKey, refKey(ref(8))])).toEqual(['2024-05-03T10:00:00Z', undefined]);
      expect(await suspectsIn(db, ACCOUNT, 0, Date.parse('2025-01-01T00:00:00Z'))).toEqual([SUSPECT]);
      expect(await getPinClock(db)).toEqual(CLOCK);
      expect(await getLastCheck(db)).toEqual({ at: 5_000, error: { kind: 'offline' } });
      expect(db.tables.map((table) => table.name)).not.toContain('meta');
    },
  },
  {
    version: 3,
    stores: V3_STORES,
    async seed(db) {
      await db.table('readMarks').put({ caseKey: refKey(ref(7)), updatedAt: '2024-05-03T10:00:00Z' });
    },
    // v4 only adds the review's two tables: v3's rows stay, the new tables start empty.
    async check(db) {
      expect(await readMarksOf(db, [refKey(ref(7))])).toEqual(['2024-05-03T10:00:00Z']);
      expect(await db.reviewTickets.count()).toBe(0);
      expect(await db.reviewLoads.count()).toBe(0);
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
        'approvals',
        'followState',
        'opRecords',
        'pinWatches',
        'readMarks',
        'suspects',
        'reviewTickets',
        'reviewLoads',
        'cases',
        'customers',
        'entries',
        'grants',
        'groups',
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
