import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../components/model/money';
import { minorDigits, toDecimalString } from '../../../lib/domain/money-format';

describe('toDecimalString', () => {
  it.each([
    [0, 2, '0.00'],
    [5, 2, '0.05'],
    [123405, 2, '1234.05'],
    [-250, 2, '-2.50'],
    [1500, 0, '1500'],
    [1, 3, '0.001'],
  ])('%i with %i digits is %s', (minor, digits, expected) => {
    expect(toDecimalString(minor, digits)).toBe(expected);
  });

  it('keeps every digit of any safe integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (minor) => {
        const decimal = toDecimalString(minor, 2);
        expect(decimal).toMatch(/^-?\d+\.\d{2}$/);
        expect(BigInt(decimal.replace('.', ''))).toBe(BigInt(minor));
      }),
    );
  });
});

describe('formatMoney', () => {
  it('knows how many minor digits each currency has', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('formats minor units in the currency', () => {
    expect(formatMoney(2500, 'USD', 'en-US')).toBe('$25.00');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    // Intl puts a no-break space before the euro sign.
    expect(formatMoney(-1234, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('-12,34 €');
  });

  it('does not lose a cent on amounts beyond float precision of the decimal value', () => {
    expect(formatMoney(900719925474099, 'USD', 'en-US')).toBe('$9,007,199,254,740.99');
  });

  it('shows the amount even for a malformed currency code', () => {
    expect(formatMoney(2500, 'dollars', 'en-US')).toBe('25.00 dollars');
  });
});
