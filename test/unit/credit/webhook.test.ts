import { describe, expect, it } from 'vitest';
import { classifyFailure, WebhookError } from '../../../lib/credit/failure';
import { hmacHex, signature } from '../../../lib/credit/webhook';
import { retryDelay } from '../../../lib/db/outbox-backoff';
import { HelpdeskError } from '../../../lib/helpdesks/http';

describe('signature', () => {
  it('is HMAC-SHA256 in hex (RFC 4231 test case 2)', async () => {
    expect(await hmacHex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('covers the timestamp, the grant id and the body: changing any one changes it', async () => {
    const base = await signature('s'.repeat(16), 1_700_000_000, 'grant-a', '{"amount":1000}');
    expect(base).toBe(
      `t=1700000000,v1=${await hmacHex('s'.repeat(16), '1700000000.grant-a.{"amount":1000}')}`,
    );
    const others = await Promise.all([
      signature('s'.repeat(16), 1_700_000_001, 'grant-a', '{"amount":1000}'),
      signature('s'.repeat(16), 1_700_000_000, 'grant-b', '{"amount":1000}'),
      signature('s'.repeat(16), 1_700_000_000, 'grant-a', '{"amount":9000}'),
    ]);
    const macs = new Set([base, ...others].map((sig) => sig.split('v1=')[1]));
    expect(macs.size).toBe(4);
  });
});

describe('retryDelay', () => {
  it('doubles from 2 s and stops at 10 minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 50].map(retryDelay)).toEqual([
      2_000, 4_000, 8_000, 16_000, 512_000, 600_000, 600_000,
    ]);
  });
});

describe('classifyFailure', () => {
  it.each([
    [new HelpdeskError('forbidden', 'e', 'no', 403), true],
    [new HelpdeskError('not-found', 'e', 'no', 404), true],
    [new HelpdeskError('invalid', 'e', 'no', 422), true],
    [new HelpdeskError('signed-out', 'e', 'no', 401), false],
    [new HelpdeskError('network', 'e', 'no'), false],
    [new HelpdeskError('server', 'e', 'no', 502), false],
    [new HelpdeskError('rate-limited', 'e', 'no', 429), false],
    [new HelpdeskError('malformed', 'e', 'no', 200), false],
    [new WebhookError(400, 'x'), true],
    [new WebhookError(429, 'x'), false],
    [new WebhookError(408, 'x'), false],
    [new WebhookError(500, 'x'), false],
    [new WebhookError(null, 'x'), false],
    [new Error('boom'), false],
  ])('%s → permanent %s', (error, permanent) => {
    expect(classifyFailure(error).permanent).toBe(permanent);
  });
});
