import type { AuthorityView } from '../../../lib/domain/snapshot';
import { t, locale as uiLocale } from '../../../lib/i18n/t';
import { cachedFormat } from '../../model/intl-cache';
import { money } from './format';

export type MeterTone = 'good' | 'warn' | 'danger';

export interface MeterModel {
  /** "$40.00": what the rep may still grant this period. */
  remaining: string;
  /** "$40.00 of $100.00 left this period". */
  leftText: string;
  /** "of $100.00 left this period", shown after the large remaining amount. */
  ofBudgetText: string;
  /** Share of the budget left, 0 to 1, for the bar. */
  fraction: number;
  tone: MeterTone;
  /** The tone in words, beside the bar's colour: null while there is plenty left. */
  toneText: string | null;
  perGrantText: string;
  customerText: string;
  resetsText: string;
}

export interface ClockOptions {
  locale?: string;
  /** Tests pin this; the sidebar shows the rep's own local time. */
  timeZone?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Within a week the weekday names the day unambiguously ("Mon 00:00"); further out, the date does. */
export const resetWhen = (
  resetsAt: string,
  now: number,
  { locale = uiLocale, timeZone }: ClockOptions = {},
) => {
  const at = Date.parse(resetsAt);
  if (Number.isNaN(at)) return resetsAt;
  const near = at - now < 6 * DAY;
  return cachedFormat(
    `reset|${locale}|${timeZone}|${near}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        ...(near ? { weekday: 'short' } : { month: 'short', day: 'numeric' }),
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
  ).format(at);
};

/** "in 3 days", "tomorrow", "in 5 hours", "in 12 minutes". */
export const resetRelative = (resetsAt: string, now: number, locale = uiLocale): string => {
  const span = Math.max(0, Date.parse(resetsAt) - now);
  const rtf = cachedFormat(`rel|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  if (span < HOUR) return rtf.format(Math.max(1, Math.ceil(span / 60_000)), 'minute');
  if (span < DAY) return rtf.format(Math.round(span / HOUR), 'hour');
  return rtf.format(Math.round(span / DAY), 'day');
};

const toneOf = (fraction: number, remaining: number): MeterTone =>
  remaining <= 0 ? 'danger' : fraction < 0.25 ? 'warn' : 'good';

const toneText = (tone: MeterTone): string | null =>
  tone === 'warn' ? t('credit_meter_low') : tone === 'danger' ? t('credit_meter_empty') : null;

export const meterModel = (authority: AuthorityView, now: number, clock: ClockOptions = {}): MeterModel => {
  const { currency } = authority;
  const fmt = (amount: number) => money(amount, currency, clock.locale);
  const remaining = Math.max(0, authority.remainingThisPeriod);
  const fraction = authority.periodBudget > 0 ? Math.min(1, remaining / authority.periodBudget) : 0;
  return {
    remaining: fmt(remaining),
    leftText: t('credit_left_of', { remaining: fmt(remaining), budget: fmt(authority.periodBudget) }),
    ofBudgetText: t('credit_of_budget', { budget: fmt(authority.periodBudget) }),
    fraction,
    tone: toneOf(fraction, remaining),
    toneText: toneText(toneOf(fraction, remaining)),
    perGrantText: t('credit_per_grant', { amount: fmt(authority.perGrantMax) }),
    customerText: t('credit_customer_left', {
      remaining: fmt(Math.max(0, authority.customerRemaining)),
      limit: fmt(authority.customerLimit),
    }),
    resetsText: t('credit_resets', {
      when: resetWhen(authority.resetsAt, now, clock),
      relative: resetRelative(authority.resetsAt, now, clock.locale),
    }),
  };
};
