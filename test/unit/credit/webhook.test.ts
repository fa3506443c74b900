import { describe, expect, it } from 'vitest';
import { classifyFailure, WebhookError } from '../../../lib/credit/failure';
import { signature } from '../../../lib/credit/webhook';
import { retryDelay } from '../../../lib/db/outbox-backoff';
import { HelpdeskError } from '../../../lib/helpdesks/http';

describe('signature', () => {
  it('is HMAC-SHA256 in hex (RFC 4231 test case 2)', async () => {
    expect(await signature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
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
