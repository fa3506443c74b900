import { type PeriodBounds, periodBounds } from '../credit/period';
import type { Period } from '../domain/policy';
import type { PeriodChoice } from '../domain/review/period-choice';

/** The policy's own period and zone; weeks start on Monday (as authority counts them). */
export interface PeriodBasis {
  period: Period;
  timeZone: string;
}

/** The previous period: the one holding the instant just before this one starts. */
const previous = (now: number, period: Period, timeZone: string): PeriodBounds =>
  periodBounds(periodBounds(now, period, timeZone).start - 1, period, timeZone);

/** Calendar bounds of a review period, in the policy's time zone. */
export function choiceBounds(choice: PeriodChoice, now: number, basis: PeriodBasis): PeriodBounds {
  const { timeZone } = basis;
  switch (choice) {
    case 'policy':
      return periodBounds(now, basis.period, timeZone);
    case 'this-week':
      return periodBounds(now, 'week', timeZone);
    case 'last-week':
      return previous(now, 'week', timeZone);
    case 'this-month':
      return periodBounds(now, 'month', timeZone);
    case 'last-month':
      return previous(now, 'month', timeZone);
  }
}
