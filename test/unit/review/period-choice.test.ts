import { describe, expect, it } from 'vitest';
import { choiceBounds } from '@/lib/review/choice-bounds';

const iso = (ms: number) => new Date(ms).toISOString();
/** Wednesday 2026-11-04 12:00 UTC. */
const NOW = Date.parse('2026-11-04T12:00:00Z');
const BERLIN = { period: 'week' as const, timeZone: 'Europe/Berlin' };

describe('choiceBounds', () => {
  it('gives this and last week from Monday in the policy zone', () => {
    const week = choiceBounds('this-week', NOW, BERLIN);
    expect([iso(week.start), iso(week.end)]).toEqual([
      '2026-11-01T23:00:00.000Z',
      '2026-11-08T23:00:00.000Z',
    ]);
    const last = choiceBounds('last-week', NOW, BERLIN);
    expect([iso(last.start), iso(last.end)]).toEqual([
      '2026-10-25T23:00:00.000Z',
      '2026-11-01T23:00:00.000Z',
    ]);
  });

  it('gives last month across the October DST change', () => {
    const last = choiceBounds('last-month', NOW, BERLIN);
    expect([iso(last.start), iso(last.end)]).toEqual([
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
    ]);
  });

  it('follows the policy’s own period', () => {
    expect(choiceBounds('policy', NOW, { period: 'month', timeZone: 'UTC' })).toEqual(
      choiceBounds('this-month', NOW, { period: 'week', timeZone: 'UTC' }),
    );
  });
});
