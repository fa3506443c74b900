import { describe, expect, it } from 'vitest';
import {
  getCase,
  getCaseContext,
  getEntries,
  getTrail,
  putCaseContext,
  putEntries,
  putTrail,
  requesterCases,
  touchViewed,
  upsertCases,
} from '../../../lib/db/queries';
import { refKey } from '../../../lib/domain/ticket-ref';
import { ACCOUNT, agent, customer, entry, freshDb, group, makeCase, ref } from './factories';

const context = (id: number) => ({
  case: makeCase(id),
  requester: customer(),
  agents: [agent()],
  groups: [group()],
});

describe('case context', () => {
  it('stores a ticket with its requester, agent and group, and reads it back', async () => {
    const db = freshDb();
    await putCaseContext(db, context(1), 5_000);
    expect(await getCaseContext(db, ref(1))).toEqual(context(1));
    expect(await getCaseContext(db, ref(2))).toBeNull();
  });

  it('keeps when the case was last viewed across refreshes, and touch moves it', async () => {
    const db = freshDb();
    await putCaseContext(db, context(1), 5_000);
    await touchViewed(db, ref(1), 7_000);
    await putCaseContext(db, { ...context(1), case: makeCase(1, { subject: 'Changed' }) }, 9_000);
    const row = await db.cases.get(refKey(ref(1)));
    expect(row).toMatchObject({ lastViewedAt: 7_000, fetchedAt: 9_000 });
    expect(row?.case.subject).toBe('Changed');
  });

  it('counts entries that arrived before the ticket itself into its size', async () => {
    const db = freshDb();
    await putEntries(db, ref(1), [entry(ref(1), 1, 1_000, 'x'.repeat(1000))], 5_000);
    await putCaseContext(db, context(1), 5_000);
    expect((await db.cases.get(refKey(ref(1))))?.size.entries).toBeGreaterThan(2_000);
  });
});

describe('upsertCases', () => {
  it('writes many cases in one transaction and keeps existing lastViewedAt', async () => {
    const db = freshDb();
    await upsertCases(db, [makeCase(1)], 1_000);
    await touchViewed(db, ref(1), 2_000);
    await upsertCases(db, [makeCase(1), makeCase(2), makeCase(3)], 3_000);
    expect(await db.cases.count()).toBe(3);
    expect((await db.cases.get(refKey(ref(1))))?.lastViewedAt).toBe(2_000);
    expect((await db.cases.get(refKey(ref(3))))?.lastViewedAt).toBe(3_000);
  });

  it('never replaces a case with an older copy of it', async () => {
    const db = freshDb();
    await upsertCases(db, [makeCase(1, { subject: 'new', updatedMs: 2_000_000_000_000 })], 1_000);
    await upsertCases(db, [makeCase(1, { subject: 'stale', updatedMs: 1_900_000_000_000 })], 2_000);
    expect((await getCase(db, ref(1)))?.subject).toBe('new');
  });

  it('does nothing for an empty page', async () => {
    const db = freshDb();
    await upsertCases(db, [], 1_000);
    expect(await db.cases.count()).toBe(0);
  });
});

describe('requesterCases', () => {
  it("returns one requester's cases, most recently updated first", async () => {
    const db = freshDb();
    await upsertCases(
      db,
      [
        makeCase(1, { updatedMs: 1_700_000_300_000 }),
        makeCase(2, { updatedMs: 1_700_000_100_000 }),
        makeCase(3, { updatedMs: 1_700_000_200_000, requesterId: '901' }),
        makeCase(4, { updatedMs: 1_700_000_900_000 }),
        { ...makeCase(5), ref: ref(5, 'other.zendesk.com') },
      ],
      1_000,
    );
    expect((await requesterCases(db, ACCOUNT, '900')).map((item) => item.ref.id)).toEqual(['4', '1', '2']);
    expect((await requesterCases(db, ACCOUNT, '900', 2)).map((item) => item.ref.id)).toEqual(['4', '1']);
    expect(await requesterCases(db, ACCOUNT, '999')).toEqual([]);
  });

  it('orders by the instant, whatever offset the helpdesk wrote the time in', async () => {
    const db = freshDb();
    await upsertCases(
      db,
      [
        makeCase(1, { updatedAt: '2024-05-01T10:00:00+02:00' }),
        makeCase(2, { updatedAt: '2024-05-01T09:00:00Z' }),
      ],
      1_000,
    );
    expect((await requesterCases(db, ACCOUNT, '900')).map((item) => item.ref.id)).toEqual(['2', '1']);
  });

  it('stays fast for a requester with 5,000 cases among 10,000', async () => {
    const db = freshDb();
    const base = 1_600_000_000_000;
    const cases = Array.from({ length: 10_000 }, (_, i) =>
      makeCase(i + 1, {
        requesterId: i % 2 === 0 ? '900' : '901',
        updatedMs: base + ((i * 7919) % 10_000) * 60_000,
      }),
    );
    const writeStart = performance.now();
    for (let i = 0; i < cases.length; i += 100) await upsertCases(db, cases.slice(i, i + 100), 1_000);
    const writeMs = performance.now() - writeStart;

    const readStart = performance.now();
    const result = await requesterCases(db, ACCOUNT, '900');
    const readMs = performance.now() - readStart;
    const firstStart = performance.now();
    const firstPage = await requesterCases(db, ACCOUNT, '900', 50);
    const firstMs = performance.now() - firstStart;
    console.info(
      `fake-indexeddb: upsert 10,000 cases in 100-case pages ${writeMs.toFixed(0)} ms; ` +
        `requesterCases 5,000 ${readMs.toFixed(0)} ms; first 50 ${firstMs.toFixed(1)} ms`,
    );

    expect(result).toHaveLength(5_000);
    const times = result.map((item) => Date.parse(item.updatedAt));
    expect(times.every((time, i) => i === 0 || times[i - 1]! >= time)).toBe(true);
    expect(firstPage).toEqual(result.slice(0, 50));
    // fake-indexeddb is far slower than Chromium's IndexedDB; this only guards against a full scan.
    expect(readMs).toBeLessThan(1_500);
  });
});

describe('entries', () => {
  it('returns the entries of a case in time order, and replaces them on refresh', async () => {
    const db = freshDb();
    await putEntries(
      db,
      ref(1),
      [entry(ref(1), 3, 3_000), entry(ref(1), 1, 1_000), entry(ref(1), 2, 2_000)],
      5_000,
    );
    await putEntries(db, ref(2), [entry(ref(2), 9, 500)], 5_000);
    expect((await getEntries(db, ref(1)))?.map((item) => item.id)).toEqual(['1', '2', '3']);
    await putEntries(db, ref(1), [entry(ref(1), 4, 4_000), entry(ref(1), 1, 1_000)], 6_000);
    expect((await getEntries(db, ref(1)))?.map((item) => item.id)).toEqual(['1', '4']);
    expect((await getEntries(db, ref(2)))?.map((item) => item.id)).toEqual(['9']);
  });

  it('tells "never fetched" (null) from "no entries" ([])', async () => {
    const db = freshDb();
    expect(await getEntries(db, ref(1))).toBeNull();
    await putEntries(db, ref(1), [], 5_000);
    expect(await getEntries(db, ref(1))).toEqual([]);
  });

  it('keeps the case size in step with its entries and trail', async () => {
    const db = freshDb();
    await putCaseContext(db, context(1), 1_000);
    await putEntries(db, ref(1), [entry(ref(1), 1, 1_000, 'x'.repeat(5_000))], 2_000);
    const afterEntries = (await db.cases.get(refKey(ref(1))))!.size;
    expect(afterEntries.entries).toBeGreaterThan(10_000);
    await putEntries(db, ref(1), [entry(ref(1), 1, 1_000, 'short')], 3_000);
    expect((await db.cases.get(refKey(ref(1))))!.size.entries).toBeLessThan(1_000);
    await putTrail(
      db,
      ref(1),
      [
        {
          ticket: ref(1),
          at: '2024-05-01T10:00:00Z',
          authorId: '500',
          field: 'group',
          from: '600',
          to: '601',
        },
      ],
      4_000,
    );
    expect((await db.cases.get(refKey(ref(1))))!.size.trail).toBeGreaterThan(0);
  });
});

describe('trail', () => {
  it('is null until fetched, then the stored changes', async () => {
    const db = freshDb();
    expect(await getTrail(db, ref(1))).toBeNull();
    const change = {
      ticket: ref(1),
      at: '2024-05-01T10:00:00Z',
      authorId: '500',
      field: 'assignee' as const,
      from: null,
      to: '501',
    };
    await putTrail(db, ref(1), [change], 1_000);
    expect(await getTrail(db, ref(1))).toEqual([change]);
  });
});
