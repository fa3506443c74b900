import { locale as uiLocale } from '../../lib/i18n/t';
import { cachedFormat } from './intl-cache';

export type AgeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
export interface Age {
  value: number;
  unit: AgeUnit;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The largest unit that keeps the number ≥ 1, floored: a rep wants "3 h", not "3.4 h". Negative spans (clock skew) count as 0. */
export const ageOf = (ms: number): Age => {
  const span = Math.max(0, ms);
  if (span < MINUTE) return { value: Math.floor(span / SECOND), unit: 'second' };
  if (span < HOUR) return { value: Math.floor(span / MINUTE), unit: 'minute' };
  if (span < DAY) return { value: Math.floor(span / HOUR), unit: 'hour' };
  if (span < 30 * DAY) return { value: Math.floor(span / DAY), unit: 'day' };
  if (span < 365 * DAY) return { value: Math.floor(span / (30 * DAY)), unit: 'month' };
  return { value: Math.floor(span / (365 * DAY)), unit: 'year' };
};

/** "12 sec. ago", "3 hr. ago" in the rep's language. */
export const formatAgo = (thenMs: number, nowMs: number, locale = uiLocale): string => {
  const { value, unit } = ageOf(nowMs - thenMs);
  const rtf = cachedFormat(`rtf|${locale}`, () => new Intl.RelativeTimeFormat(locale, { style: 'short' }));
  return rtf.format(-value, unit);
};

/** A bare span such as "3h" or "2d", for "(3h)" after a time. */
export const formatDuration = (ms: number, locale = uiLocale): string => {
  const { value, unit } = ageOf(ms);
  const nf = cachedFormat(
    `dur|${locale}|${unit}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }),
  );
  return nf.format(value);
};

export interface WhenOptions {
  locale?: string;
  /** Tests pin this; the sidebar uses the rep's own zone. */
  timeZone?: string;
}

const dayKey = (ms: number, timeZone: string | undefined): string =>
  cachedFormat(
    `day|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(ms);

/** Compact for lists: the time today, the day this year, the full date otherwise. */
export const formatWhen = (
  iso: string,
  nowMs: number,
  { locale = uiLocale, timeZone }: WhenOptions = {},
): string => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const today = dayKey(ms, timeZone) === dayKey(nowMs, timeZone);
  const sameYear = dayKey(ms, timeZone).slice(0, 4) === dayKey(nowMs, timeZone).slice(0, 4);
  const options: Intl.DateTimeFormatOptions = today
    ? { hour: 'numeric', minute: '2-digit' }
    : sameYear
      ? { month: 'short', day: 'numeric' }
      : { year: 'numeric', month: 'short', day: 'numeric' };
  const shape = today ? 'time' : sameYear ? 'day' : 'date';
  return cachedFormat(
    `when|${locale}|${timeZone ?? ''}|${shape}`,
    () => new Intl.DateTimeFormat(locale, { ...options, timeZone }),
  ).format(ms);
};

/** Full date and time, for tooltips and screen readers. */
export const formatFull = (iso: string, { locale = uiLocale, timeZone }: WhenOptions = {}): string => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return cachedFormat(
    `full|${locale}|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(ms);
};
