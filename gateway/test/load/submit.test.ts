import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { submitAll } from './submit';

/** A stand-in gateway: the first answer for each grant is a 503, then a refusal; it notes how many are in flight. */
function fakeGateway() {
  const seen = new Map<string, number>();
  let inFlight = 0;
  let most = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        const { grantId } = JSON.parse(body) as { grantId: string };
        const count = (seen.get(grantId) ?? 0) + 1;
        seen.set(grantId, count);
        response.setHeader('content-type', 'application/json');
        if (count === 1) {
          response.statusCode = 503;
          response.end(JSON.stringify({ error: 'busy', message: 'try again', retryAfterSeconds: 0 }));
          return;
        }
        response.end(
          JSON.stringify({
            status: 'refused',
            grantId,
            code: 'over-period',
            message: 'over the period limit',
          }),
        );
      }, 5);
    });
  });
  return { server, seen, most: () => most };
}

describe('submitAll', () => {
  const gateway = fakeGateway();
  afterAll(() => new Promise<void>((resolve) => gateway.server.close(() => resolve())));

  it('keeps the asked number in flight, retries 503s and times each submission', async () => {
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
    const ids = Array.from({ length: 12 }, () => crypto.randomUUID());
    const result = await submitAll(
      url,
      ids,
      (grantId) => ({ account: 'acme.zendesk.com', ticket: '1', grantId }),
      {
        concurrency: 4,
      },
    );
    expect(gateway.most()).toBeLessThanOrEqual(4);
    expect(gateway.most()).toBeGreaterThan(1);
    expect(result.answers.map((a) => a.item)).toEqual(ids);
    for (const answer of result.answers) {
      expect(answer.retries).toBe(1);
      expect(answer.attemptMs).toHaveLength(2);
      expect(answer.verdict).toMatchObject({ status: 'refused', code: 'over-period' });
      expect(answer.ms).toBeGreaterThanOrEqual(answer.attemptMs[0] as number);
    }
  });
});
