import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import type { Period } from '../domain/policy';

export interface PeriodBounds {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive: the next period's start and when authority resets. */
  end: number;
}

const startOf = (date: TZDate, period: Period): TZDate => {
  if (period === 'day') return startOfDay(date);
  if (period === 'week') return startOfWeek(date, { weekStartsOn: 1 });
  return startOfMonth(date);
};

const next = (start: TZDate, period: Period): TZDate => {
  if (period === 'day') return addDays(start, 1);
  if (period === 'week') return addWeeks(start, 1);
  return addMonths(start, 1);
};

const HOUR_MS = 3_600_000;

/**
 * The later occurrence of the local time at `ms` when the clocks are set back just after it
 * (America/St_Johns fell back at 00:01 until 2011, Asunción falls back at midnight): the wall
 * time then comes round twice, and a period ends only once its last local day is over.
 */
const lastOccurrence = (ms: number, timeZone: string): number => {
  const later = tzOffset(timeZone, new Date(ms + 3 * HOUR_MS));
  const shift = (tzOffset(timeZone, new Date(ms)) - later) * 60_000;
  return shift > 0 && tzOffset(timeZone, new Date(ms + shift)) === later ? ms + shift : ms;
};

/**
 * The policy period holding `instant`, as local calendar boundaries in the
 * policy's time zone (weeks start on Monday). Calendar arithmetic on a TZDate
 * keeps DST days 23 or 25 hours long instead of a fixed 24. Periods tile time:
 * every instant is in exactly one, and one ends where the next begins.
 */
export const periodBounds = (instant: number, period: Period, timeZone: string): PeriodBounds => {
  const first = startOf(new TZDate(instant, timeZone), period);
  const start = lastOccurrence(first.getTime(), timeZone);
  if (instant < start) {
    // The first pass of a boundary the clocks come back to: still the previous period.
    const previous = startOf(new TZDate(first.getTime() - 1, timeZone), period);
    return { start: lastOccurrence(previous.getTime(), timeZone), end: start };
  }
  // The next period's start is recomputed from a date inside it, so a day whose
  // midnight does not exist (DST at 00:00, Samoa's skipped day) still ends exactly
  // where the following period begins.
  const end = startOf(next(first, period), period);
  return { start, end: lastOccurrence(end.getTime(), timeZone) };
};
