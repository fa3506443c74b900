import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fences, outlierOf, quantile } from '@/lib/domain/review/outliers';

describe('quantile', () => {
  it('interpolates between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([5], 0.5)).toBe(5);
  });
});

describe('fences', () => {
  it('needs four agents', () => {
    expect(fences([1, 2, 3])).toBeNull();
  });

  it('flags an agent far above and one far below the team', () => {
    const totals = [1000, 1100, 1200, 1300, 1250, 9000, 0];
    const bounds = fences(totals)!;
    expect(outlierOf(9000, bounds)).toBe('high');
    expect(outlierOf(0, bounds)).toBe('low');
    expect(outlierOf(1200, bounds)).toBeNull();
  });

  it('never flags the quartiles themselves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 4, maxLength: 40 }),
        (totals) => {
          const bounds = fences(totals)!;
          expect(bounds.low).toBeLessThanOrEqual(bounds.q1);
          expect(bounds.high).toBeGreaterThanOrEqual(bounds.q3);
          expect(outlierOf(bounds.q1, bounds)).toBeNull();
          expect(outlierOf(bounds.q3, bounds)).toBeNull();
        },
      ),
    );
  });
});
