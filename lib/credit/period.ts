import { TZDate } from '@date-fns/tz';
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

/**
 * The policy period holding `instant`, as local calendar boundaries in the
 * policy's time zone (weeks start on Monday). Calendar arithmetic on a TZDate
 * keeps DST days 23 or 25 hours long instead of a fixed 24.
 */
export const periodBounds = (instant: number, period: Period, timeZone: string): PeriodBounds => {
  const start = startOf(new TZDate(instant, timeZone), period);
  // The next period's start is recomputed from a date inside it, so a day whose
  // midnight does not exist (DST at 00:00, Samoa's skipped day) still ends exactly
  // where the following period begins.
  const end = startOf(next(start, period), period);
  return { start: start.getTime(), end: end.getTime() };
};
