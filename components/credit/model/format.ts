import { formatMoney, minorDigits } from '../../../lib/domain/money-format';
import { locale as uiLocale } from '../../../lib/i18n/t';

/** "$25.00" in the rep's language; a malformed currency code shows the bare amount rather than break the panel. */
export const money = (amount: number, currency: string, locale = uiLocale): string => {
  try {
    return formatMoney({ amount, currency }, locale);
  } catch {
    return `${amount} ${currency}`;
  }
};

/** An amount a rep could type in this currency: "12.50", "12" (JPY), "12.500" (KWD). */
export const exampleAmount = (currency: string): string => {
  let digits = 2;
  try {
    digits = minorDigits(currency);
  } catch {
    // Intl rejects a malformed code; two digits is the common case.
  }
  return digits === 0 ? '12' : `12.${'50'.padEnd(digits, '0').slice(0, digits)}`;
};
