import { describe, expect, it } from 'vitest';
import { ageOf, formatAgo, formatDuration, formatFull, formatWhen } from '../../../components/model/time';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('ageOf', () => {
  it.each([
    [0, 0, 'second'],
    [12 * S + 900, 12, 'second'],
    [59 * S, 59, 'second'],
    [60 * S, 1, 'minute'],
    [59 * M, 59, 'minute'],
    [3 * H + 40 * M, 3, 'hour'],
    [29 * D, 29, 'day'],
    [45 * D, 1, 'month'],
    [800 * D, 2, 'year'],
  ])('%i ms is %i %s', (ms, value, unit) => {
    expect(ageOf(ms)).toEqual({ value, unit });
  });

  it('treats a time in the future (clock skew) as now', () => {
    expect(ageOf(-5000)).toEqual({ value: 0, unit: 'second' });
  });
});

describe('formatting', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('says how long ago in the given language', () => {
    expect(formatAgo(now - 12 * S, now, 'en')).toBe('12 sec. ago');
    expect(formatAgo(now - 3 * H, now, 'de')).toMatch(/3/);
  });

  it('gives a bare span for durations', () => {
    expect(formatDuration(50 * H, 'en')).toBe('2d');
    expect(formatDuration(90 * M, 'en')).toBe('1h');
  });

  it('shows the time today, the day this year, the full date before that', () => {
    const opts = { locale: 'en-US', timeZone: 'UTC' };
    expect(formatWhen('2026-03-10T09:05:00Z', now, opts)).toBe('9:05 AM');
    expect(formatWhen('2026-01-02T09:05:00Z', now, opts)).toBe('Jan 2');
    expect(formatWhen('2024-12-31T09:05:00Z', now, opts)).toBe('Dec 31, 2024');
  });

  it('uses the rep time zone for "today"', () => {
    // 23:30 UTC on the 9th is already the 10th in Tokyo.
    expect(formatWhen('2026-03-09T23:30:00Z', now, { locale: 'en-US', timeZone: 'Asia/Tokyo' })).toBe(
      '8:30 AM',
    );
  });

  it('returns unparseable input unchanged rather than "Invalid Date"', () => {
    expect(formatWhen('soon', now)).toBe('soon');
    expect(formatFull('soon')).toBe('soon');
  });

  it('gives a full date and time for tooltips', () => {
    expect(formatFull('2026-03-10T09:05:00Z', { locale: 'en-US', timeZone: 'UTC' })).toBe(
      'Mar 10, 2026, 9:05 AM',
    );
  });
});
