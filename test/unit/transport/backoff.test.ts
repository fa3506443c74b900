import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, fullJitterDelay } from '../../../lib/transport/backoff';

describe('fullJitterDelay', () => {
  it('doubles the ceiling per retry up to the cap', () => {
    const almostOne = () => 0.999_999;
    expect(fullJitterDelay(0, almostOne)).toBe(499);
    expect(fullJitterDelay(1, almostOne)).toBe(999);
    expect(fullJitterDelay(3, almostOne)).toBe(3999);
    expect(fullJitterDelay(20, almostOne)).toBe(29_999);
    expect(fullJitterDelay(5, () => 0)).toBe(0);
  });

  it('stays within [0, min(cap, base·2^retry))', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, r) => {
        const delay = fullJitterDelay(retry, () => r);
        const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** retry);
        return Number.isInteger(delay) && delay >= 0 && delay < ceiling;
      }),
    );
  });
});
