import { minorDigits } from '../../../lib/domain/money-format';

export { formatMoney as money } from '../../model/money';

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
