import { describe, expect, it } from 'vitest';
import { percentile, percentiles, table } from './stats';

describe('load statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentiles([30, 10, 20])).toMatchObject({ count: 3, p50: 20, p99: 30, max: 30, mean: 20 });
    expect(percentiles([]).count).toBe(0);
  });

  it('lines up a table', () => {
    expect(
      table([
        ['a', 1],
        ['long label', 'x'],
      ]),
    ).toBe('a           1\nlong label  x');
  });
});
