import { locale as uiLocale } from '../../lib/i18n/t';

/** How many minor-unit digits a currency has (USD 2, JPY 0, KWD 3), as Intl knows it. */
export const minorDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Integer minor units to an exact decimal string ("-1234.05"); never through floating point. */
export const minorToDecimal = (minor: number, digits: number): string => {
  const negative = minor < 0;
  const whole = BigInt(Math.abs(minor))
    .toString()
    .padStart(digits + 1, '0');
  const units = digits === 0 ? whole : `${whole.slice(0, -digits)}.${whole.slice(-digits)}`;
  return negative ? `-${units}` : units;
};

/** "$1,234.05" from 123405 USD. Intl formats decimal strings exactly (ES2023), so no cent is lost. */
export const formatMoney = (minor: number, currency: string, locale = uiLocale): string => {
  try {
    const decimal = minorToDecimal(minor, minorDigits(currency)) as `${number}`;
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(decimal);
  } catch {
    // Intl rejects a malformed currency code; show the amount rather than break the card.
    return `${minorToDecimal(minor, 2)} ${currency}`;
  }
};
