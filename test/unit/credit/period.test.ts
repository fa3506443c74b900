import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodBounds } from '../../../lib/credit/period';
import type { Period } from '../../../lib/domain/policy';

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Santiago',
  'America/St_Johns',
  'Pacific/Apia',
];

/** Local calendar fields of an instant, read by Intl: independent of date-fns. */
const local = (ms: number, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    month: `${get('year')}-${get('month')}`,
    day: get('day'),
    time: `${get('hour')}:${get('minute')}`,
    weekday: get('weekday'),
  };
};

const HOUR = 3_600_000;
const instant = fc.integer({
  min: Date.parse('2000-01-01T00:00:00Z'),
  max: Date.parse('2040-01-01T00:00:00Z'),
});
const zone = fc.constantFrom(...ZONES);
const period = fc.constantFrom<Period>('day', 'week', 'month');

describe('periodBounds properties', () => {
  it('contains the instant, and its end starts the next period', () => {
    fc.assert(
      fc.property(instant, period, zone, (at, p, tz) => {
        const { start, end } = periodBounds(at, p, tz);
        expect(start).toBeLessThanOrEqual(at);
        expect(at).toBeLessThan(end);
        expect(periodBounds(start, p, tz).start).toBe(start);
        expect(periodBounds(end - 1, p, tz)).toEqual({ start, end });
        expect(periodBounds(end, p, tz).start).toBe(end);
      }),
      { numRuns: 1500 },
    );
  });

  it('starts on the first instant of a local day (midnight, the first minute a DST jump leaves, or the last pass of a midnight the clocks come back to)', () => {
    fc.assert(
      fc.property(instant, period, zone, (at, p, tz) => {
        const { start, end } = periodBounds(at, p, tz);
        expect(local(start - 1, tz).date).not.toBe(local(start, tz).date);
        expect(local(start, tz).time <= '01:00').toBe(true);
        // One local day, which holds `at` but where the clocks come back across midnight.
        if (p === 'day') expect(local(start, tz).date).toBe(local(end - 1, tz).date);
        if (p === 'week') expect(local(start, tz).weekday).toBe('Mon');
        if (p === 'month') {
          expect(local(start, tz).month).toBe(local(at, tz).month);
          expect(local(start, tz).day).toBe('01');
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a day lasts 23 to 25 hours (a whole skipped day aside), a week 7 days ± 1 h, a month 28 to 31 days ± 1 h', () => {
    fc.assert(
      fc.property(instant, period, zone, (at, p, tz) => {
        const { start, end } = periodBounds(at, p, tz);
        const hours = (end - start) / HOUR;
        const [min, max] = p === 'day' ? [23, 25] : p === 'week' ? [167, 169] : [28 * 24 - 1, 31 * 24 + 1];
        // Samoa skipped 2011-12-30 entirely; that week and month are a day short.
        const slack = tz === 'Pacific/Apia' ? 24 : 0;
        expect(hours).toBeGreaterThanOrEqual(min - slack);
        expect(hours).toBeLessThanOrEqual(max);
      }),
      { numRuns: 1500 },
    );
  });
});

const iso = (ms: number) => new Date(ms).toISOString();
const bounds = (at: string, p: Period, tz: string) => {
  const b = periodBounds(Date.parse(at), p, tz);
  return [iso(b.start), iso(b.end)];
};

describe('periodBounds on known dates', () => {
  it.each([
    // New York springs forward 2026-03-08 02:00 → 03:00: a 23-hour day.
    [
      '2026-03-08T12:00:00Z',
      'day',
      'America/New_York',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ],
    [
      '2026-03-08T04:59:59Z',
      'day',
      'America/New_York',
      '2026-03-07T05:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
    ],
    // Berlin falls back 2026-10-25 03:00 → 02:00: a 25-hour day.
    ['2026-10-25T12:00:00Z', 'day', 'Europe/Berlin', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    // Lord Howe moves by half an hour on 2026-10-04 (02:00 → 02:30): a 23.5-hour day.
    [
      '2026-10-04T12:00:00Z',
      'day',
      'Australia/Lord_Howe',
      '2026-10-03T13:30:00.000Z',
      '2026-10-04T13:00:00.000Z',
    ],
    // …and back on 2026-04-05 (02:00 → 01:30): 24.5 hours.
    [
      '2026-04-05T05:00:00Z',
      'day',
      'Australia/Lord_Howe',
      '2026-04-04T13:00:00.000Z',
      '2026-04-05T13:30:00.000Z',
    ],
    // Santiago springs forward at midnight (2022-09-11 00:00 → 01:00): the day starts at 01:00.
    [
      '2022-09-11T12:00:00Z',
      'day',
      'America/Santiago',
      '2022-09-11T04:00:00.000Z',
      '2022-09-12T03:00:00.000Z',
    ],
    // St John's fell back at 00:01 on 2008-11-02: 23:01–00:00 on the 1st came round twice, so the
    // 1st ends at the second midnight, and the minute between the two midnights is still the 1st.
    [
      '2008-11-02T02:31:00Z',
      'day',
      'America/St_Johns',
      '2008-11-01T02:30:00.000Z',
      '2008-11-02T03:30:00.000Z',
    ],
    [
      '2008-11-02T02:30:30Z',
      'day',
      'America/St_Johns',
      '2008-11-01T02:30:00.000Z',
      '2008-11-02T03:30:00.000Z',
    ],
    [
      '2008-11-02T03:30:00Z',
      'day',
      'America/St_Johns',
      '2008-11-02T03:30:00.000Z',
      '2008-11-03T03:30:00.000Z',
    ],
    // Samoa skipped 2011-12-30: the 29th ends where the 31st starts.
    ['2011-12-29T12:00:00Z', 'day', 'Pacific/Apia', '2011-12-29T10:00:00.000Z', '2011-12-30T10:00:00.000Z'],
    // Weeks start on Monday; this one holds New York's DST change (167 hours).
    [
      '2026-03-08T12:00:00Z',
      'week',
      'America/New_York',
      '2026-03-02T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ],
    [
      '2026-03-09T04:00:00Z',
      'week',
      'America/New_York',
      '2026-03-09T04:00:00.000Z',
      '2026-03-16T04:00:00.000Z',
    ],
    // Month ends: the 31st, leap February, and a month across a DST change.
    ['2026-01-31T23:59:59Z', 'month', 'UTC', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', 'month', 'UTC', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    [
      '2026-03-31T22:30:00Z',
      'month',
      'Europe/Berlin',
      '2026-03-31T22:00:00.000Z',
      '2026-04-30T22:00:00.000Z',
    ],
    [
      '2026-10-15T12:00:00Z',
      'month',
      'Europe/Berlin',
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
    ],
  ] as const)('%s %s in %s → [%s, %s)', (at, p, tz, start, end) => {
    expect(bounds(at, p, tz)).toEqual([start, end]);
  });
});
