import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StripeSim, startStripeSim } from '../../../test/sim/stripe/server';
import { type Execution, ExecutorError } from '../../src/executors/executor';
import { KEY_KNOWN_MS, stripeExecutor } from '../../src/executors/stripe';

let sim: StripeSim;
beforeAll(async () => {
  sim = await startStripeSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

const HOUR = 60 * 60 * 1000;

const executor = (settings: Record<string, unknown> = {}, now?: () => number) =>
  stripeExecutor(
    { secretKey: sim.secretKey, apiBase: sim.url, maxNetworkRetries: 0, timeoutMs: 2_000, ...settings },
    now ? { now } : {},
  );

const execution = (overrides: Partial<Execution> = {}): Execution => ({
  grantId: randomUUID(),
  account: 'acme.zendesk.com',
  ticket: '4242',
  agentId: '1001',
  customer: { id: '501', email: 'ann@example.com', name: 'Ann' },
  amount: 2500,
  currency: 'USD',
  reason: 'Late delivery',
  notedAt: new Date().toISOString(),
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

describe('the Stripe executor credits the requester’s balance once per grant', () => {
  it('one grant: one balance transaction crediting the amount, lower-case currency, the grant in metadata, as the key', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    const grant = execution();
    const result = await executor().execute(grant);
    const [made, ...more] = sim.control.balanceTransactions();
    expect(more).toEqual([]);
    expect(result.reference).toBe(made!.id);
    expect(made).toMatchObject({
      customer: customer.id,
      amount: -2500,
      currency: 'usd',
      ending_balance: -2500,
      description: 'Frontline credit: Late delivery',
      metadata: {
        frontline_grant_id: grant.grantId,
        account: 'acme.zendesk.com',
        ticket: '4242',
        agent: '1001',
      },
    });
    const create = sim.control.log().find((e) => e.method === 'POST');
    expect(create?.idempotencyKey).toBe(grant.grantId);
  });

  it('the same grant executed 5 times in a row: one transaction, the same reference', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    const grant = execution();
    const stripe = executor();
    const references = [];
    for (let i = 0; i < 5; i++) references.push((await stripe.execute(grant)).reference);
    expect(new Set(references).size).toBe(1);
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('the same grant executed 5 times at once: one transaction (the SDK retries the 409 of a key in use)', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.setLatency(300);
    const grant = execution();
    const stripe = executor({ maxNetworkRetries: 3 });
    const results = await Promise.all(Array.from({ length: 5 }, () => stripe.execute(grant)));
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(sim.control.balanceTransactions()).toHaveLength(1);
    expect(sim.control.log().some((e) => e.status === 409)).toBe(true);
  });

  it('a decline (402) is permanent and moves nothing', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '402', method: 'POST' });
    const error = await failure(executor().execute(execution()));
    expect(error.permanent).toBe(true);
    expect(error.status).toBe(402);
    expect(error.message).toMatch(/card_declined/);
    expect(sim.control.balanceTransactions()).toEqual([]);
  });

  it.each(['429', '503'] as const)(
    '%s is transient; the retry succeeds without a second transaction',
    async (kind) => {
      sim.control.addCustomer({ email: 'ann@example.com' });
      sim.control.fail({ kind, method: 'POST' });
      const grant = execution();
      const stripe = executor();
      const error = await failure(stripe.execute(grant));
      expect(error.permanent).toBe(false);
      expect(error.status).toBe(Number(kind));
      expect(sim.control.balanceTransactions()).toEqual([]);
      const { reference } = await stripe.execute(grant);
      expect(sim.control.balanceTransactions().map((t) => t.id)).toEqual([reference]);
    },
  );

  it('with its default retries, one 503 is ridden out inside the execution', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '503', method: 'POST' });
    const stripe = stripeExecutor({ secretKey: sim.secretKey, apiBase: sim.url });
    const { reference } = await stripe.execute(execution());
    expect(sim.control.balanceTransactions().map((t) => t.id)).toEqual([reference]);
  });

  it('a 500 after applying (replayed to the key) is resolved by the grant id in metadata: one transaction', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '500', apply: 'after', method: 'POST' });
    const grant = execution();
    const stripe = executor();
    const first = await stripe.execute(grant);
    const again = await stripe.execute(grant);
    expect(sim.control.balanceTransactions().map((t) => t.id)).toEqual([first.reference]);
    expect(again.reference).toBe(first.reference);
    const posts = sim.control.log().filter((e) => e.method === 'POST');
    expect(posts.map((e) => [e.status, e.replayed])).toEqual([
      [500, false],
      [500, true],
    ]);
  });

  it('an answer lost after applying (dropped, or a timeout) is replayed by the retry with the key', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: 'drop', apply: 'after', method: 'POST' });
    const dropped = await executor().execute(execution());
    sim.control.fail({ kind: 'hang', apply: 'after', method: 'POST' });
    const hung = await executor({ maxNetworkRetries: 1, timeoutMs: 300 }).execute(execution());
    expect(sim.control.balanceTransactions().map((t) => t.id)).toEqual([dropped.reference, hung.reference]);
  });

  it('a 500 before applying, with no transaction to find, stays transient', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.fail({ kind: '500', method: 'POST' });
    const error = await failure(executor().execute(execution()));
    expect(error.permanent).toBe(false);
    expect(sim.control.balanceTransactions()).toEqual([]);
  });
});

describe('the Stripe executor finds the customer', () => {
  it('an unknown email is permanent, with a message naming it', async () => {
    sim.control.addCustomer({ email: 'someone@example.com' });
    const error = await failure(executor().execute(execution()));
    expect(error.permanent).toBe(true);
    expect(error.message).toBe('No Stripe customer has the email ann@example.com.');
    expect(sim.control.balanceTransactions()).toEqual([]);
  });

  it('matches an email typed with capitals to the lower-case one in Stripe', async () => {
    const customer = sim.control.addCustomer({ email: 'ann@example.com' });
    await executor().execute(execution({ customer: { id: '501', email: 'Ann@Example.COM', name: null } }));
    expect(sim.control.balanceTransactions()[0]?.customer).toBe(customer.id);
  });

  it('refuses to guess between two customers with the same email', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    sim.control.addCustomer({ email: 'ann@example.com' });
    const error = await failure(executor().execute(execution()));
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/Several Stripe customers .* customers setting/);
  });

  it('uses the configured mapping of helpdesk customer ids first, with or without an email', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    const mapped = sim.control.addCustomer({ email: 'billing@ann.example' });
    const stripe = executor({ customers: { 'acme.zendesk.com': { '501': mapped.id } } });
    await stripe.execute(execution({ customer: { id: '501', email: null, name: null } }));
    expect(sim.control.balanceTransactions()[0]?.customer).toBe(mapped.id);
    const none = await failure(
      executor().execute(execution({ customer: { id: '9', email: null, name: null } })),
    );
    expect(none.permanent).toBe(true);
    expect(none.message).toMatch(/no email address/);
  });
});

describe('the Stripe executor after Stripe forgot the key (24 h)', () => {
  it('an execution whose note is older than 23 h looks for its transaction first: still one', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    const grant = execution({ notedAt: new Date(Date.now() - 25 * HOUR).toISOString() });
    const first = await executor().execute(grant);
    sim.control.expireIdempotencyKeys();
    const again = await executor().execute(grant);
    expect(again.reference).toBe(first.reference);
    expect(sim.control.balanceTransactions()).toHaveLength(1);
  });

  it('finds it past a page of other transactions', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    const notedAt = new Date(Date.now() - 25 * HOUR).toISOString();
    const grant = execution({ notedAt });
    const first = await executor().execute(grant);
    const stripe = executor();
    for (let i = 0; i < 105; i++) await stripe.execute(execution({ amount: 1 }));
    sim.control.expireIdempotencyKeys();
    expect((await stripe.execute(grant)).reference).toBe(first.reference);
    expect(sim.control.balanceTransactions()).toHaveLength(106);
  });

  it('without that look-up a forgotten key would credit twice (why it exists)', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    const notedAt = Date.now() - 25 * HOUR;
    const grant = execution({ notedAt: new Date(notedAt).toISOString() });
    const believesRecent = () => notedAt + KEY_KNOWN_MS - HOUR;
    await executor({}, believesRecent).execute(grant);
    sim.control.expireIdempotencyKeys();
    await executor({}, believesRecent).execute(grant);
    expect(sim.control.balanceTransactions()).toHaveLength(2);
  });
});

describe('the Stripe executor’s settings', () => {
  it('refuses settings it cannot use, saying which field', () => {
    expect(() => stripeExecutor({ secretKey: 'pk_test_123' })).toThrow(
      /invalid stripe executor settings: secretKey/,
    );
    expect(() => stripeExecutor({ secretKey: 'sk_test_1', apiBase: 'http://stripe.example.com' })).toThrow(
      /apiBase: must be an https/,
    );
    expect(() => stripeExecutor({ secretKey: 'sk_test_1', sk: 1 })).toThrow(/Unrecognized key/);
  });

  it('takes the key from the environment when told to, and fails when it is missing', async () => {
    sim.control.addCustomer({ email: 'ann@example.com' });
    const settings = { secretKey: { env: 'STRIPE_KEY' }, apiBase: sim.url, maxNetworkRetries: 0 };
    await stripeExecutor(settings, { env: { STRIPE_KEY: sim.secretKey } }).execute(execution());
    expect(sim.control.balanceTransactions()).toHaveLength(1);
    expect(() => stripeExecutor(settings, { env: {} })).toThrow(/STRIPE_KEY is not set/);
  });

  it('a refused key (401) is permanent', async () => {
    const error = await failure(executor({ secretKey: 'sk_test_not_the_right_one' }).execute(execution()));
    expect(error.permanent).toBe(true);
    expect(error.status).toBe(401);
  });
});
