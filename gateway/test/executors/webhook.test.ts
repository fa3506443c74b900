import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBilling } from '../../../test/sim/billing';
import { type Execution, ExecutorError } from '../../src/executors/executor';
import { webhookExecutor } from '../../src/executors/webhook';

const SECRET = 'the-gateway-only-billing-secret';

/** test/sim/billing.ts's receiver over HTTP; `answer` replaces its answer when set (a receiver that names its credit). */
const billing = createBilling();
let answer: { status: number; body: unknown } | null = null;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const received = billing.receive(headers, Buffer.concat(chunks).toString('utf8'));
    const reply = answer && received.status === 200 ? answer : received;
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing/credits`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  billing.reset();
  billing.setSecret(SECRET);
  answer = null;
});

const execution = (overrides: Partial<Execution> = {}): Execution => ({
  grantId: randomUUID(),
  account: 'acme.freshdesk.com',
  ticket: '77',
  agentId: '2002',
  customer: { id: '801', email: 'ann@example.com', name: 'Ann' },
  amount: 1250,
  currency: 'EUR',
  reason: 'Goodwill',
  notedAt: '2026-12-04T05:00:00.000Z',
  ...overrides,
});

const failure = async (promise: Promise<unknown>): Promise<ExecutorError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExecutorError);
  return error as ExecutorError;
};

describe('the webhook executor calls the billing webhook as the extension did, from the gateway', () => {
  it('sends the grant signed with the gateway’s secret, the grant id as Idempotency-Key; reference webhook:<grant>', async () => {
    const grant = execution();
    const { reference } = await webhookExecutor({ url, secret: SECRET }).execute(grant);
    expect(reference).toBe(`webhook:${grant.grantId}`);
    const [event, ...more] = billing.received();
    expect(more).toEqual([]);
    expect(event?.headers['idempotency-key']).toBe(grant.grantId);
    expect(event?.headers['frontline-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(event?.body).toEqual({
      id: grant.grantId,
      ticket: { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '77' },
      customerId: '801',
      agentId: '2002',
      amount: 1250,
      currency: 'EUR',
      reason: 'Goodwill',
      at: '2026-12-04T05:00:00.000Z',
    });
  });

  it('keeps the receiver’s own id as the reference when it answers one', async () => {
    answer = { status: 201, body: { id: 'credit_9f2c' } };
    expect((await webhookExecutor({ url, secret: SECRET }).execute(execution())).reference).toBe(
      'credit_9f2c',
    );
    answer = { status: 200, body: { id: 'has spaces, not an id' } };
    const grant = execution();
    expect((await webhookExecutor({ url, secret: SECRET }).execute(grant)).reference).toBe(
      `webhook:${grant.grantId}`,
    );
  });

  it('the same grant executed 5 times: every call carries the same key, billing credits once', async () => {
    const grant = execution();
    const executor = webhookExecutor({ url, secret: SECRET });
    await Promise.all(Array.from({ length: 5 }, () => executor.execute(grant)));
    expect(billing.calls()).toBe(5);
    expect(billing.received()).toHaveLength(1);
  });

  it('a refusal (4xx, a wrong secret) is permanent; 408, 429, 5xx and no answer are transient', async () => {
    const executor = webhookExecutor({ url, secret: SECRET });
    billing.fail(422, 1);
    expect(await failure(executor.execute(execution()))).toMatchObject({ permanent: true, status: 422 });
    for (const status of [408, 429, 500, 503]) {
      billing.fail(status, 1);
      expect(await failure(executor.execute(execution()))).toMatchObject({ permanent: false, status });
    }
    const wrongSecret = webhookExecutor({ url, secret: 'not-the-receivers-secret' });
    expect(await failure(wrongSecret.execute(execution()))).toMatchObject({ permanent: true, status: 401 });
    const closed = webhookExecutor({ url: 'http://127.0.0.1:9/billing', secret: SECRET });
    const unreachable = await failure(closed.execute(execution()));
    expect(unreachable.permanent).toBe(false);
    expect(unreachable.status).toBeUndefined();
    expect(billing.received()).toEqual([]);
  });

  it('retried after a 503, credits once', async () => {
    const grant = execution();
    const executor = webhookExecutor({ url, secret: SECRET });
    billing.fail(503, 1);
    await failure(executor.execute(grant));
    await executor.execute(grant);
    await executor.execute(grant);
    expect(billing.received()).toHaveLength(1);
  });
});

describe('the webhook executor’s settings', () => {
  it('wants https (http only on this machine) and a secret of 16 characters or more', () => {
    expect(() => webhookExecutor({ url: 'http://billing.example.com/x', secret: SECRET })).toThrow(
      /invalid webhook executor settings: url: must be an https/,
    );
    expect(() => webhookExecutor({ url: 'https://billing.example.com/x', secret: 'short' })).toThrow(
      /secret/,
    );
    expect(() => webhookExecutor({ url: 'https://billing.example.com/x', secret: SECRET, extra: 1 })).toThrow(
      /Unrecognized key/,
    );
  });

  it('takes the secret from the environment when told to', async () => {
    const executor = webhookExecutor(
      { url, secret: { env: 'BILLING_SECRET' } },
      { env: { BILLING_SECRET: SECRET } },
    );
    await executor.execute(execution());
    expect(billing.received()).toHaveLength(1);
    expect(() => webhookExecutor({ url, secret: { env: 'BILLING_SECRET' } }, { env: {} })).toThrow(/not set/);
  });

  it('refuses an account that is not a helpdesk host, permanently', async () => {
    const error = await failure(
      webhookExecutor({ url, secret: SECRET }).execute(execution({ account: 'example.com' })),
    );
    expect(error.permanent).toBe(true);
    expect(billing.calls()).toBe(0);
  });
});
