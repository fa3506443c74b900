import { describe, expect, it } from 'vitest';
import { evict } from '../../../lib/db/evict';
import { putGrant } from '../../../lib/db/grant-queries';
import {
  getEntries,
  putEntries,
  putSyncState,
  putTrail,
  touchViewed,
  upsertCases,
} from '../../../lib/db/queries';
import { historyScope } from '../../../lib/db/rows';
import type { FrontlineDb } from '../../../lib/db/schema';
import { refKey } from '../../../lib/domain/ticket-ref';
import { ACCOUNT, entry, freshDb, grant, makeCase, ref } from './factories';

const key = (id: number) => refKey(ref(id));

/** Cases 1..n, case i last viewed at time i, each with one entry, a trail and a sync state. */
async function seed(db: FrontlineDb, n: number): Promise<void> {
  await upsertCases(
    db,
    Array.from({ length: n }, (_, i) => makeCase(i + 1)),
    0,
  );
  for (let id = 1; id <= n; id++) {
    await touchViewed(db, ref(id), id);
    await putEntries(db, ref(id), [entry(ref(id), id * 10, 1_000)], 0);
    await putTrail(db, ref(id), [], 0);
  }
}

const remaining = async (db: FrontlineDb) => (await db.cases.toCollection().primaryKeys()).sort();

describe('evict', () => {
  it('does nothing under the caps', async () => {
    const db = freshDb();
    await seed(db, 5);
    const result = await evict(db, { maxCases: 5 });
    expect(result).toMatchObject({ evicted: [], cases: 5 });
    expect(await db.cases.count()).toBe(5);
  });

  it('evicts least recently viewed first, down to the low-water mark, with entries, trail and sync state', async () => {
    const db = freshDb();
    await seed(db, 10);
    const result = await evict(db, { maxCases: 8, lowWater: 0.75 });
    expect(result.evicted).toEqual([key(1), key(2), key(3), key(4)]);
    expect(result.cases).toBe(6);
    expect(await db.cases.count()).toBe(6);
    expect(await getEntries(db, ref(1))).toBeNull();
    expect(await db.entries.where('caseKey').equals(key(2)).count()).toBe(0);
    expect(await db.entries.count()).toBe(6);
    expect(await db.trails.get(key(3))).toBeUndefined();
    expect(await db.syncState.where('scope').equals(key(4)).count()).toBe(0);
    expect((await getEntries(db, ref(5)))?.map((item) => item.id)).toEqual(['50']);
  });

  it('never evicts pinned cases, cases with unrecorded grants, or cases with outbox work', async () => {
    const db = freshDb();
    await seed(db, 10);
    await db.pins.put({
      caseKey: key(1),
      ticket: ref(1),
      pinnedAt: 0,
      dueAt: null,
      note: '',
      lastSeenUpdate: null,
    });
    await putGrant(db, grant(ref(2), 'pending'));
    await putGrant(db, grant(ref(3), 'committing'));
    await db.outbox.put({
      id: crypto.randomUUID(),
      kind: 'note',
      caseKey: key(4),
      payload: {},
      createdAt: 0,
      nextAttemptAt: 0,
      attempts: 1,
      lastError: 'offline',
    });
    await putGrant(db, grant(ref(5), 'recorded'));
    await putGrant(db, grant(ref(6), 'undone'));
    await putGrant(db, grant(ref(7), 'failed'));

    const result = await evict(db, { maxCases: 6, lowWater: 1 });
    expect(result.evicted).toEqual([key(5), key(6), key(7), key(8)]);
    expect(await remaining(db)).toEqual([key(1), key(10), key(2), key(3), key(4), key(9)].sort());
  });

  it('stays over the cap rather than evict a protected case', async () => {
    const db = freshDb();
    await seed(db, 3);
    for (const id of [1, 2, 3]) {
      await db.pins.put({
        caseKey: key(id),
        ticket: ref(id),
        pinnedAt: 0,
        dueAt: null,
        note: '',
        lastSeenUpdate: null,
      });
    }
    const result = await evict(db, { maxCases: 1 });
    expect(result).toMatchObject({ evicted: [], cases: 3 });
  });

  it('evicts by estimated size: big conversations count', async () => {
    const db = freshDb();
    await seed(db, 4);
    await putEntries(db, ref(3), [entry(ref(3), 1, 1_000, 'x'.repeat(50_000))], 0);
    const before = await evict(db, { maxBytes: 1_000_000 });
    expect(before.evicted).toEqual([]);
    expect(before.bytes).toBeGreaterThan(100_000);
    const result = await evict(db, { maxBytes: 50_000, lowWater: 1 });
    expect(result.evicted).toEqual([key(1), key(2), key(3)]);
    expect(result.bytes).toBeLessThanOrEqual(50_000);
  });

  it("marks an evicted case's requester history as incomplete", async () => {
    const db = freshDb();
    await seed(db, 3);
    const scope = historyScope(ACCOUNT, '900');
    await putSyncState(db, {
      scope,
      section: 'history',
      etag: null,
      fetchedAt: 5,
      cursor: null,
      complete: true,
      total: 3,
    });
    await evict(db, { maxCases: 2, lowWater: 1 });
    expect(await db.syncState.get([scope, 'history'])).toBeUndefined();
  });

  it('keeps only the newest stored responses', async () => {
    const db = freshDb();
    await db.responses.bulkPut(
      Array.from({ length: 5 }, (_, i) => ({
        key: `${ACCOUNT}/api/v2/tickets/${i}.json`,
        etag: `"${i}"`,
        storedAt: i,
        bytes: 10,
        response: { status: 200, headers: {}, body: '{}' },
      })),
    );
    const result = await evict(db, { maxResponses: 2 });
    expect(result.responsesDropped).toBe(3);
    expect((await db.responses.orderBy('storedAt').toArray()).map((row) => row.storedAt)).toEqual([3, 4]);
  });
});
