import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import type { ReviewSpan } from './page-data';
import type { ReviewRow } from './review-row';

export interface DayTotal {
  /** The day's start, epoch ms (local midnight in the policy's zone). */
  start: number;
  total: number;
  count: number;
}

/** Totals per calendar day of the period in the policy's zone, empty days included (DST days stay one day). */
export function dailyTotals(rows: readonly ReviewRow[], bounds: ReviewSpan, timeZone: string): DayTotal[] {
  const days: DayTotal[] = [];
  for (
    let day = startOfDay(new TZDate(bounds.start, timeZone));
    day.getTime() < bounds.end;
    day = startOfDay(addDays(day, 1))
  )
    days.push({ start: day.getTime(), total: 0, count: 0 });
  for (const row of rows) {
    const at = Date.parse(row.at);
    let i = days.length - 1;
    while (i > 0 && (days[i]?.start ?? 0) > at) i--;
    const day = days[i];
    if (day !== undefined && at >= bounds.start && at < bounds.end) {
      day.total += row.amount;
      day.count += 1;
    }
  }
  return days;
}
