import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseForm } from './form';
import { type StripeSim, startStripeSim } from './server';

let sim: StripeSim;
beforeAll(async () => {
  sim = await startStripeSim({ secretKeys: ['sk_test_first_key_000000', 'sk_test_second_key_00000'] });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read Stripe's JSON answers field by field
  body: any;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  options: { form?: string; key?: string | null; idempotencyKey?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? sim.secretKey : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  if (options.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const response = await fetch(`${sim.url}${path}`, { method, headers, body: options.form });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const credit = (
  customer: string,
  form = 'amount=-2500&currency=USD&metadata[frontline_grant_id]=g1',
  key = 'k1',
) => call('POST', `/v1/customers/${customer}/balance_transactions`, { form, idempotencyKey: key });

describe('Stripe simulator: the documented shapes', () => {
  it('parses bracketed form parameters as Stripe does', () => {
    expect(
      parseForm('amount=-5&metadata[a]=1&metadata[b]=x%20y&expand[]=c&expand[]=d&items[0][price]=p'),
    ).toEqual({
      amount: '-5',
      metadata: { a: '1', b: 'x y' },
      expand: ['c', 'd'],
      items: [{ price: 'p' }],
    });
  });

  it('refuses a missing or unknown secret key with 401 and Stripe’s error body, and a Request-Id', async () => {
    const none = await call('GET', '/v1/customers', { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error.type).toBe('invalid_request_error');
    expect(none.body.error.message).toMatch(/You did not provide an API key/);
    expect(none.headers.get('request-id')).toMatch(/^req_[A-Za-z0-9]{14}$/);
    const wrong = await call('GET', '/v1/customers', { key: 'sk_test_nobody_000000001234' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/^Invalid API Key provided: sk_test_\*+1234$/);
    expect(wrong.body.error.request_log_url).toMatch(/^https:\/\/dashboard\.stripe\.com\/test\/logs\/req_/);
  });

  it('creates, reads and lists customers, filtered by exact email, newest first, in a list envelope', async () => {
    const made = await call('POST', '/v1/customers', {
      form: 'email=ann%40example.com&name=Ann&metadata[zd]=7',
    });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({
      object: 'customer',
      email: 'ann@example.com',
      name: 'Ann',
      balance: 0,
      currency: null,
      metadata: { zd: '7' },
      livemode: false,
    });
    expect(made.body.id).toMatch(/^cus_/);
    sim.control.addCustomer({ email: 'bob@example.com' });
    sim.control.addCustomer({ email: 'ann@example.com', name: 'Ann again' });
    const list = await call('GET', '/v1/customers?email=ann%40example.com');
    expect(list.body).toMatchObject({ object: 'list', has_more: false, url: '/v1/customers' });
    expect(list.body.data.map((c: { name: string }) => c.name)).toEqual(['Ann again', 'Ann']);
    expect((await call('GET', '/v1/customers?email=ANN%40example.com')).body.data).toEqual([]);
    const paged = await call('GET', '/v1/customers?limit=2');
    expect(paged.body.data).toHaveLength(2);
    expect(paged.body.has_more).toBe(true);
    const rest = await call('GET', `/v1/customers?limit=2&starting_after=${paged.body.data[1].id}`);
    expect(rest.body.data.map((c: { id: string }) => c.id)).toEqual([made.body.id]);
    expect((await call('GET', `/v1/customers/${made.body.id}`)).body.id).toBe(made.body.id);
    const missing = await call('GET', '/v1/customers/cus_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_nope'",
      doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    });
  });

  it('credits a balance: a customer_balance_transaction with ending_balance, and the customer’s balance moves', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    const first = await credit(customer.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'customer_balance_transaction',
      amount: -2500,
      currency: 'usd',
      customer: customer.id,
      ending_balance: -2500,
      type: 'adjustment',
      metadata: { frontline_grant_id: 'g1' },
    });
    expect(first.body.id).toMatch(/^cbtxn_/);
    await credit(customer.id, 'amount=-500&currency=usd', 'k2');
    expect((await call('GET', `/v1/customers/${customer.id}`)).body).toMatchObject({
      balance: -3000,
      currency: 'usd',
    });
    const list = await call('GET', `/v1/customers/${customer.id}/balance_transactions`);
    expect(list.body.url).toBe(`/v1/customers/${customer.id}/balance_transactions`);
    expect(list.body.data.map((t: { ending_balance: number }) => t.ending_balance)).toEqual([-3000, -2500]);
    const one = await call('GET', `/v1/customers/${customer.id}/balance_transactions/${first.body.id}`);
    expect(one.body).toEqual(first.body);
  });

  it('refuses bad parameters with 400 and saves nothing under the key', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    const missing = await credit(customer.id, 'currency=usd');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    expect((await credit(customer.id, 'amount=-1&currency=usd&colour=red', 'k2')).body.error.code).toBe(
      'parameter_unknown',
    );
    expect((await credit(customer.id, 'amount=-1&currency=eur', 'k3')).status).toBe(200);
    const otherCurrency = await credit(customer.id, 'amount=-1&currency=usd', 'k4');
    expect(otherCurrency.body.error.param).toBe('currency');
    expect((await credit(customer.id, 'amount=-1&currency=eur', 'k1')).status).toBe(200);
    expect(sim.control.balanceTransactions()).toHaveLength(2);
  });
});

describe('Stripe simulator: idempotent requests', () => {
  it('replays the first answer for the same key, with Idempotent-Replayed, and creates nothing more', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    const first = await credit(customer.id);
    const again = await credit(customer.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('refuses the same key with other parameters (400 idempotency_error)', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    await credit(customer.id);
    const other = await credit(customer.id, 'amount=-9999&currency=usd&metadata[frontline_grant_id]=g1');
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
    expect(other.body.error.message).toMatch(/same parameters/);
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('keeps keys per secret key', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    await credit(customer.id);
    const form = 'amount=-2500&currency=usd&metadata[frontline_grant_id]=g1';
    const other = await call('POST', `/v1/customers/${customer.id}/balance_transactions`, {
      form,
      idempotencyKey: 'k1',
      key: 'sk_test_second_key_00000',
    });
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.control.balanceTransactions()).toHaveLength(2);
  });

  it('answers 409 idempotency_key_in_use while the first request with the key still runs', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.setLatency(150);
    const [a, b] = await Promise.all([credit(customer.id), credit(customer.id)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error).toMatchObject({
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
    });
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('forgets keys when they expire (24 h at Stripe): the same request then creates again', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    await credit(customer.id);
    sim.control.expireIdempotencyKeys();
    await credit(customer.id);
    expect(sim.control.balanceTransactions()).toHaveLength(2);
  });

  it('ignores Idempotency-Key on GET', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    const read = await call('GET', '/v1/customers', { idempotencyKey: 'k1' });
    expect(read.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.control.log()[0]?.idempotencyKey).toBeNull();
  });
});

describe('Stripe simulator: faults on demand', () => {
  it('402: a card_error decline, saved under the key, nothing applied', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '402' });
    const declined = await credit(customer.id);
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    });
    expect((await credit(customer.id)).status).toBe(402);
    expect(sim.control.balanceTransactions()).toEqual([]);
  });

  it('429 before the idempotency layer: nothing saved, the retry with the key runs', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '429', times: 2 });
    const limited = await credit(customer.id);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ type: 'invalid_request_error', code: 'rate_limit' });
    expect((await credit(customer.id)).status).toBe(429);
    expect((await credit(customer.id)).status).toBe(200);
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('500/503 before: api_error, nothing applied, the retry runs afresh', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '503' });
    const failed = await credit(customer.id);
    expect(failed.status).toBe(503);
    expect(failed.body.error).toMatchObject({ type: 'api_error' });
    expect(sim.control.balanceTransactions()).toEqual([]);
    const retried = await credit(customer.id);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('500 after: applied, the 500 saved and replayed to a retry with the key (Stripe-Should-Retry: false)', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '500', apply: 'after' });
    const failed = await credit(customer.id);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('stripe-should-retry')).toBe('false');
    expect(sim.control.balanceTransactions()).toHaveLength(1);
    const replay = await credit(customer.id);
    expect(replay.status).toBe(500);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('drop after: the answer is lost, the retry with the key replays the saved success', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: 'drop', apply: 'after', method: 'POST' });
    await expect(credit(customer.id)).rejects.toThrow();
    expect(sim.control.balanceTransactions()).toHaveLength(1);
    const retried = await credit(customer.id);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(sim.control.balanceTransactions()[0]!.id);
  });

  it('hang: no answer at all; only matching requests meet the fault; the log records each request', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: 'hang', method: 'POST', path: /balance_transactions$/ });
    expect((await call('GET', '/v1/customers')).status).toBe(200);
    const hung = fetch(`${sim.url}/v1/customers/${customer.id}/balance_transactions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.secretKey}` },
      body: 'amount=-1&currency=usd',
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow();
    expect(sim.control.balanceTransactions()).toEqual([]);
    expect(sim.control.log().map((e) => [e.method, e.status, e.fault])).toEqual([
      ['GET', 200, null],
      ['POST', null, 'hang'],
    ]);
  });

  it('refuses to fire a 402 or 429 after applying (Stripe never does)', () => {
    expect(() => sim.control.fail({ kind: '429', apply: 'after' })).toThrow(/cannot fire after/);
  });
});
