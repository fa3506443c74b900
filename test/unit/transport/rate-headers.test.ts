import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRateHeaders } from '../../../lib/transport/rate-headers';

const NOW = Date.parse('2024-09-06T18:52:12Z');

/** The recorded Zendesk headers: `{ name: [value] }` as the cassette stores them. */
const recorded = (): Record<string, string> => {
  const file = JSON.parse(
    readFileSync(
      new URL('../../fixtures/recorded/zendesk/response_headers_examples.json', import.meta.url),
      'utf8',
    ),
  ) as { headers: Record<string, string[]> };
  return Object.fromEntries(Object.entries(file.headers).map(([name, values]) => [name, values[0] ?? '']));
};

describe('readRateHeaders', () => {
  it('reads the recorded Zendesk response headers', () => {
    expect(readRateHeaders(recorded(), NOW)).toEqual({
      limit: 700,
      remaining: 697,
      resetMs: 48_000,
      retryAfterMs: null,
      windowMs: 60_000,
    });
  });

  it.each([
    [{ 'x-rate-limit': '700', 'x-rate-limit-remaining': '12' }, 700, 12],
    [{ 'ratelimit-limit': '400', 'ratelimit-remaining': '399' }, 400, 399],
    [{ 'rate-limit': '200', 'rate-limit-remaining': '5' }, 200, 5],
    [{ 'x-ratelimit-total': '50', 'x-ratelimit-remaining': '0' }, 50, 0],
    [{ 'X-RateLimit-Total': '700', 'X-RateLimit-Remaining': '3' }, 700, 3],
    [{ 'ratelimit-limit': '700, 700;w=60' }, 700, null],
    [{}, null, null],
  ])('reads %j', (headers, limit, remaining) => {
    const info = readRateHeaders(headers, NOW);
    expect(info.limit).toBe(limit);
    expect(info.remaining).toBe(remaining);
  });

  it.each([
    [{ 'x-ratelimit-total': '5000' }, 3_600_000],
    [{ 'x-ratelimit-total': '3000' }, 3_600_000],
    [{ 'x-ratelimit-total': '700' }, 60_000],
    [{ 'x-ratelimit-total': '100000' }, 60_000],
    [{ 'x-rate-limit': '2500', 'x-ratelimit-total': '5000' }, 60_000],
    [{ 'ratelimit-limit': '5000' }, 60_000],
    [{ 'ratelimit-limit': '700, 700;w=60' }, 60_000],
    [{ 'ratelimit-limit': '5000', 'ratelimit-policy': '5000;w=3600' }, 3_600_000],
    [{ 'retry-after': '1500' }, null],
  ])(
    'reads the window of %j: a Freshdesk total of 3,000–10,000 is per hour, a w= parameter wins',
    (headers, windowMs) => {
      expect(readRateHeaders(headers, NOW).windowMs).toBe(windowMs);
    },
  );

  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(readRateHeaders({ 'retry-after': '2' }, NOW).retryAfterMs).toBe(2000);
    expect(readRateHeaders({ 'retry-after': 'Fri, 06 Sep 2024 18:52:42 GMT' }, NOW).retryAfterMs).toBe(
      30_000,
    );
    expect(readRateHeaders({ 'retry-after': 'Fri, 06 Sep 2024 18:00:00 GMT' }, NOW).retryAfterMs).toBe(0);
    expect(readRateHeaders({ 'retry-after': 'soon' }, NOW).retryAfterMs).toBeNull();
  });
});
