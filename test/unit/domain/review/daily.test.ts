import { describe, expect, it } from 'vitest';
import { periodBounds } from '@/lib/credit/period';
import { dailyTotals } from '@/lib/domain/review/daily';
import { row } from '../../review/row';

describe('dailyTotals', () => {
  it('sums each local day of the week, empty days included, across the October DST change', () => {
    const bounds = periodBounds(Date.parse('2026-10-28T12:00:00Z'), 'week', 'Europe/Berlin');
    const days = dailyTotals(
      [
        row({ amount: 500, at: '2026-10-25T23:30:00Z' }), // Monday 00:30 in Berlin (CET, the day after the change)
        row({ amount: 700, at: '2026-10-26T22:59:00Z' }), // still Monday in Berlin
        row({ amount: 300, at: '2026-10-27T09:00:00Z' }),
        row({ amount: 999, at: '2026-10-25T20:00:00Z' }), // Sunday: the week before
      ],
      bounds,
      'Europe/Berlin',
    );
    expect(days).toHaveLength(7);
    expect(days.map((d) => d.total)).toEqual([1200, 300, 0, 0, 0, 0, 0]);
    expect(new Date(days[0]!.start).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
