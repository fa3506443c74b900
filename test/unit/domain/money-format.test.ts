import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseAmount, toDecimalString } from '../../../lib/domain/money-format';

describe('minorDigits', () => {
  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['EUR', 2],
    ['KWD', 3],
  ])('%s has %i', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });
});

describe('formatMoney', () => {
  it.each([
    [{ amount: 2500, currency: 'USD' }, '$25.00'],
    [{ amount: 5, currency: 'USD' }, '$0.05'],
    [{ amount: 0, currency: 'USD' }, '$0.00'],
    [{ amount: -1999, currency: 'USD' }, '-$19.99'],
    [{ amount: 2500, currency: 'JPY' }, '¥2,500'],
    [{ amount: 1250, currency: 'KWD' }, 'KWD 1.250'],
    [{ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' }, '$90,071,992,547,409.91'],
    [{ amount: 123456789012345, currency: 'KWD' }, 'KWD 123,456,789,012.345'],
  ])('%o → %s', (money, expected) => {
    expect(formatMoney(money).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('follows the locale', () => {
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'de-DE').replace(/\u00a0/g, ' ')).toBe(
      '1.234,56 €',
    );
  });

  it('refuses non-integer amounts', () => {
    expect(() => formatMoney({ amount: 1.5, currency: 'USD' })).toThrow(RangeError);
  });
});

describe('toDecimalString and parseAmount', () => {
  it('are exact inverses on every safe non-negative amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (amount, currency) => {
          expect(parseAmount(toDecimalString(amount, minorDigits(currency)), currency)).toBe(amount);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['25', 'USD', 2500],
    ['25.5', 'USD', 2550],
    ['25,50', 'USD', 2550],
    [' 0.05 ', 'USD', 5],
    ['2500', 'JPY', 2500],
    ['1.250', 'KWD', 1250],
    ['25.005', 'USD', null],
    ['25.0', 'JPY', null],
    ['-5', 'USD', null],
    ['1e3', 'USD', null],
    ['', 'USD', null],
    ['$25', 'USD', null],
    ['1,000.00', 'USD', null],
    ['99999999999999999', 'USD', null],
  ])('%j in %s → %s', (text, currency, expected) => {
    expect(parseAmount(text, currency)).toBe(expected);
  });
});
