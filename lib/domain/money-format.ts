import type { Money } from './money';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * One currency formatter per locale, currency and digits: building one costs
 * far more than using it, and a review formats thousands of amounts. A
 * malformed currency code throws here and is not remembered.
 */
function currencyFormat(locale: string, currency: string, digits?: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${digits ?? ''}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    });
    formatters.set(key, format);
  }
  return format;
}

/** The currency's minor digits as Intl knows them: JPY 0, USD 2, KWD 3. */
export const minorDigits = (currency: string): number =>
  currencyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * Integer minor units as an exact decimal string ("2500", 2 → "25.00"), built
 * from the digits so no float division ever rounds a large amount.
 */
export const toDecimalString = (amount: number, digits: number): `${number}` => {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount));
  if (digits === 0) return `${sign}${abs}` as `${number}`;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}` as `${number}`;
};

/** "$25.00", "¥2,500", "KWD 1.250": Intl formats the exact decimal string, never a float. */
export const formatMoney = (money: Money, locale = 'en-US'): string => {
  const digits = minorDigits(money.currency);
  return currencyFormat(locale, money.currency, digits).format(toDecimalString(money.amount, digits));
};

/** For display: a malformed currency code shows the bare amount rather than break the view. */
export const showMoney = (amount: number, currency: string, locale: string): string => {
  try {
    return formatMoney({ amount, currency }, locale);
  } catch {
    return `${toDecimalString(amount, 2)} ${currency}`;
  }
};

/**
 * What a rep typed ("25", "25.5", "25,50") as minor units, or null when it is
 * not a plain non-negative amount with at most the currency's minor digits.
 */
export const parseAmount = (text: string, currency: string): number | null => {
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
};
