import { describe, expect, it } from 'vitest';
import { signature } from '../../lib/credit/webhook';
import { createBilling } from './billing';

const SECRET = 'an-organization-billing-secret';
const GRANT = '00000000-0000-4000-8000-000000000001';
const BODY = JSON.stringify({ id: GRANT, amount: 2500, currency: 'USD' });
const now = () => Math.floor(Date.now() / 1000);

const signed = async (t: number, grantId = GRANT, body = BODY, secret = SECRET) => ({
  'idempotency-key': grantId,
  'frontline-signature': await signature(secret, t, grantId, body),
});

describe('the simulated billing receiver verifies Frontline-Signature', () => {
  it('takes a call signed by the extension, and a repeat of it once only', async () => {
    const billing = createBilling();
    billing.setSecret(SECRET);
    const headers = await signed(now());
    expect(billing.receive(headers, BODY).status).toBe(200);
    expect(billing.receive(headers, BODY)).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(billing.received()).toHaveLength(1);
    expect(billing.calls()).toBe(2);
  });

  it.each([
    ['a replay older than five minutes', async () => signed(now() - 301)],
    [
      'another grant id than the one signed',
      async () => ({ ...(await signed(now())), 'idempotency-key': 'other' }),
    ],
    ['another secret', async () => signed(now(), GRANT, BODY, 'someone-elses-secret')],
    ['no signature', async () => ({ 'idempotency-key': GRANT })],
  ])('refuses %s with 401 and credits nothing', async (_name, headers) => {
    const billing = createBilling();
    billing.setSecret(SECRET);
    expect(billing.receive(await headers(), BODY).status).toBe(401);
    expect(billing.received()).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const billing = createBilling();
    billing.setSecret(SECRET);
    const headers = await signed(now());
    expect(billing.receive(headers, BODY.replace('2500', '250000')).status).toBe(401);
  });
});
