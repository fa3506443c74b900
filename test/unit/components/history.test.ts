import { describe, expect, it } from 'vitest';
import {
  compareIds,
  filterHistory,
  fold,
  initialIndex,
  NO_FILTER,
  newestFirst,
  searchIndex,
  statusCounts,
} from '../../../components/model/history';
import type { HistoryItem } from '../../../lib/domain/snapshot';
import { CURRENT_ID, HOSTILE, makeCase, makeHistory } from './fixtures';

const item = (
  id: string,
  createdAt: string,
  subject = 'x',
  status: HistoryItem['case']['status'] = 'open',
): HistoryItem => ({
  case: { ...makeCase(id, 0, subject), createdAt, status },
  assigneeName: null,
  creditTotal: 0,
  escalated: false,
  current: false,
});

describe('compareIds', () => {
  it('orders numeric ids of any length without Number', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('18446744073709551615', '18446744073709551614')).toBeGreaterThan(0);
    expect(compareIds('42', '42')).toBe(0);
  });
});

describe('newestFirst', () => {
  it('sorts by creation time, newest first, comparing instants across offsets', () => {
    const items = [
      item('1', '2026-01-01T10:00:00Z'),
      item('2', '2026-01-01T12:30:00+02:00'), // 10:30 UTC
      item('3', '2025-12-31T23:00:00Z'),
    ];
    expect(newestFirst(items).map((i) => i.case.ref.id)).toEqual(['2', '1', '3']);
  });

  it('breaks ties by the higher id and leaves its input alone', () => {
    const items = [item('9', '2026-01-01T10:00:00Z'), item('10', '2026-01-01T10:00:00Z')];
    expect(newestFirst(items).map((i) => i.case.ref.id)).toEqual(['10', '9']);
    expect(items.map((i) => i.case.ref.id)).toEqual(['9', '10']);
  });

  it('keeps the current ticket on top of a generated history', () => {
    const sorted = newestFirst(makeHistory(50).reverse());
    expect(sorted[0]?.case.ref.id).toBe(CURRENT_ID);
    expect(initialIndex(sorted)).toBe(0);
  });
});

describe('filterHistory', () => {
  const items = [
    item('1', '2026-01-03T00:00:00Z', 'Refund for order 1001', 'solved'),
    item('2', '2026-01-02T00:00:00Z', 'Résumé upload fails', 'open'),
    item('3', '2026-01-01T00:00:00Z', HOSTILE.script, 'closed'),
  ];

  it('returns everything without a filter', () => {
    expect(filterHistory(items, NO_FILTER)).toHaveLength(3);
  });

  it('matches every term, ignoring case and accents', () => {
    expect(filterHistory(items, { text: 'REFUND 1001', status: 'all' }).map((i) => i.case.ref.id)).toEqual([
      '1',
    ]);
    expect(filterHistory(items, { text: 'resume', status: 'all' }).map((i) => i.case.ref.id)).toEqual(['2']);
    expect(filterHistory(items, { text: 'refund resume', status: 'all' })).toEqual([]);
  });

  it('matches hostile text as plain text', () => {
    expect(filterHistory(items, { text: '<script>', status: 'all' }).map((i) => i.case.ref.id)).toEqual([
      '3',
    ]);
  });

  it('finds a ticket by number', () => {
    expect(filterHistory(items, { text: '#2', status: 'all' }).map((i) => i.case.ref.id)).toEqual(['2']);
  });

  it('filters by status', () => {
    expect(filterHistory(items, { text: '', status: 'open' }).map((i) => i.case.ref.id)).toEqual(['2']);
  });

  it('searches loaded bodies, and only those', () => {
    const bodies = new Map([['3', fold('The parcel was crushed')]]);
    expect(
      filterHistory(items, { text: 'crushed', status: 'all' }, bodies).map((i) => i.case.ref.id),
    ).toEqual(['3']);
    expect(filterHistory(items, { text: 'crushed', status: 'all' })).toEqual([]);
  });

  it('filters 5,000 tickets quickly enough to run on each keystroke', () => {
    const big = makeHistory(5000);
    const index = searchIndex(big);
    const started = performance.now();
    const found = filterHistory(big, { text: '#1042 arrived', status: 'all' }, new Map(), index);
    expect(performance.now() - started).toBeLessThan(16);
    expect(found.map((i) => i.case.subject)).toEqual(['Order #1042 arrived late']);
  });
});

describe('statusCounts', () => {
  it('counts the statuses present, in workflow order', () => {
    const items = [
      item('1', '2026-01-01T00:00:00Z', 'a', 'solved'),
      item('2', '2026-01-01T00:00:00Z', 'b', 'new'),
      item('3', '2026-01-01T00:00:00Z', 'c', 'solved'),
    ];
    expect(statusCounts(items)).toEqual([
      { status: 'new', count: 1 },
      { status: 'solved', count: 2 },
    ]);
  });
});

describe('initialIndex', () => {
  it('is the current ticket, else the top', () => {
    const items = [
      item('1', '2026-01-02T00:00:00Z'),
      { ...item('2', '2026-01-01T00:00:00Z'), current: true },
    ];
    expect(initialIndex(items)).toBe(1);
    expect(initialIndex([item('1', '2026-01-02T00:00:00Z')])).toBe(0);
    expect(initialIndex([])).toBe(0);
  });
});
