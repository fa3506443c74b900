import Stripe from 'stripe';
import { z } from 'zod';
import { type Execution, type ExecutionResult, type Executor, ExecutorError } from './executor';
import { parseSettings, Secret, ServiceUrl, secretOf } from './settings';
import { isPermanentStatus } from './status';

/**
 * Stripe customer balance credits (docs.stripe.com/billing/customer/balance): one balance
 * transaction per grant, `amount` negative (a credit), the grant id as the Idempotency-Key
 * and in the metadata, so that the grant is findable after Stripe has forgotten the key.
 */
export const StripeExecutorConfig = z.strictObject({
  /** A secret (`sk_…`) or restricted (`rk_…`) key allowed to read customers and write balance transactions. */
  secretKey: Secret.refine(
    (s) => typeof s !== 'string' || /^(sk|rk)_/.test(s),
    'secretKey must be a Stripe secret (sk_…) or restricted (rk_…) key',
  ),
  /** Where the API answers; default https://api.stripe.com. Tests point it at test/sim/stripe. */
  apiBase: ServiceUrl.optional(),
  /**
   * Helpdesk customers whose Stripe customer is not found by email: account host → the
   * helpdesk's customer id → `cus_…`. Looked up before the email.
   */
  customers: z
    .record(z.string(), z.record(z.string(), z.string().regex(/^cus_\w+$/, 'expected cus_…')))
    .optional(),
  /**
   * Retries inside one execution, by the SDK, with the same key: they ride out a dropped
   * connection, a 5xx that applied nothing, or a 409 while a concurrent request with the same
   * key finishes, without making the grant's caller wait for the sweeper. Kept small (the SDK
   * backs off 0.5 s, 1 s, 2 s…) so one execution stays short; longer outages are retried by the
   * gateway's sweeper, minutes apart, with the same key.
   */
  maxNetworkRetries: z.number().int().min(0).max(5).default(2),
  /** One request's time limit; the SDK's default (80 s) would hold a grant request too long. */
  timeoutMs: z.number().int().min(100).max(120_000).default(20_000),
});
export type StripeExecutorConfig = z.input<typeof StripeExecutorConfig>;

/**
 * Stripe prunes an idempotency key once it is at least 24 hours old. The key is first sent
 * after the grant's note is written, so a key younger than this (measured from the note,
 * with an hour's margin for the helpdesk's and the gateway's clocks) is still known to Stripe.
 */
export const KEY_KNOWN_MS = 23 * 60 * 60 * 1000;

/** How far before the note a balance transaction for it may have been created (clock skew). */
const CREATED_SLACK_S = 24 * 60 * 60;

export const GRANT_METADATA_KEY = 'frontline_grant_id';

/** Stripe's limit on a balance transaction's description. */
const DESCRIPTION_MAX = 350;

export interface StripeExecutorDeps {
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** The SDK's message already carries the request id (`[req_…] …`), which Stripe's support asks for. */
const describeStripeError = (error: InstanceType<typeof Stripe.errors.StripeError>): string =>
  `Stripe answered ${error.statusCode}${error.code ? ` ${error.code}` : ''}: ${error.message}`;

/** Stripe's answer (or its absence) as the gateway's retry decision. */
export function toExecutorError(error: unknown): ExecutorError {
  if (error instanceof ExecutorError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    if (status === undefined)
      return new ExecutorError(false, `Stripe could not be reached: ${error.message}`);
    return new ExecutorError(isPermanentStatus(status), describeStripeError(error), status);
  }
  return new ExecutorError(
    false,
    `The Stripe call failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** A 5xx or no answer: the credit may or may not have been applied. */
const indeterminate = (error: unknown): boolean =>
  error instanceof Stripe.errors.StripeError && (error.statusCode === undefined || error.statusCode >= 500);

const clientOptions = (config: z.infer<typeof StripeExecutorConfig>) => {
  const base = config.apiBase ? new URL(config.apiBase) : null;
  return {
    maxNetworkRetries: config.maxNetworkRetries,
    timeout: config.timeoutMs,
    appInfo: { name: 'frontline-gateway' },
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? '443' : '80'),
          protocol: base.protocol === 'https:' ? ('https' as const) : ('http' as const),
        }
      : {}),
  };
};

export function stripeExecutor(settings: unknown, deps: StripeExecutorDeps = {}): Executor {
  const config = parseSettings('stripe', StripeExecutorConfig, settings);
  const now = deps.now ?? Date.now;
  const stripe = new Stripe(secretOf(config.secretKey, deps.env ?? process.env), clientOptions(config));

  /** The requester's Stripe customer: the configured mapping, else the one customer with that email. */
  async function customerOf(execution: Execution): Promise<string> {
    const mapped = config.customers?.[execution.account]?.[execution.customer.id];
    if (mapped) return mapped;
    const email = execution.customer.email;
    if (!email) {
      throw new ExecutorError(
        true,
        `The ticket's requester (${execution.customer.id}) has no email address to find the Stripe customer by; map the customer in the Stripe executor's customers setting.`,
      );
    }
    // Stripe's email filter is case-sensitive; helpdesks keep the case the customer typed.
    const candidates = [...new Set([email, email.toLowerCase()])];
    for (const candidate of candidates) {
      const found = await stripe.customers.list({ email: candidate, limit: 2 });
      if (found.data.length > 1) {
        throw new ExecutorError(
          true,
          `Several Stripe customers have the email ${candidate}; map the customer in the Stripe executor's customers setting to say which one is credited.`,
        );
      }
      if (found.data[0]) return found.data[0].id;
    }
    throw new ExecutorError(true, `No Stripe customer has the email ${email}.`);
  }

  /** The balance transaction already made for this grant, if any, newest first down to the note's time. */
  async function existing(
    customer: string,
    execution: Execution,
  ): Promise<Stripe.CustomerBalanceTransaction | null> {
    const oldest = Math.floor(Date.parse(execution.notedAt) / 1000) - CREATED_SLACK_S;
    let found: Stripe.CustomerBalanceTransaction | null = null;
    await stripe.customers.listBalanceTransactions(customer, { limit: 100 }).autoPagingEach((transaction) => {
      if (transaction.metadata?.[GRANT_METADATA_KEY] === execution.grantId) {
        found = transaction;
        return false;
      }
      return transaction.created >= oldest;
    });
    return found;
  }

  const accept = (transaction: Stripe.CustomerBalanceTransaction, execution: Execution): ExecutionResult => {
    if (
      transaction.amount !== -execution.amount ||
      transaction.currency !== execution.currency.toLowerCase()
    ) {
      throw new ExecutorError(
        true,
        `Stripe balance transaction ${transaction.id} carries grant ${execution.grantId} but credits ${-transaction.amount} ${transaction.currency}, not ${execution.amount} ${execution.currency.toLowerCase()}.`,
      );
    }
    return { reference: transaction.id };
  };

  return {
    name: 'stripe',
    async execute(execution) {
      try {
        const customer = await customerOf(execution);
        if (now() - Date.parse(execution.notedAt) >= KEY_KNOWN_MS) {
          const made = await existing(customer, execution);
          if (made) return accept(made, execution);
        }
        try {
          const made = await stripe.customers.createBalanceTransaction(
            customer,
            {
              amount: -execution.amount,
              currency: execution.currency.toLowerCase(),
              description: `Frontline credit: ${execution.reason}`.slice(0, DESCRIPTION_MAX),
              metadata: {
                [GRANT_METADATA_KEY]: execution.grantId,
                account: execution.account,
                ticket: execution.ticket,
                agent: execution.agentId,
              },
            },
            { idempotencyKey: execution.grantId },
          );
          return accept(made, execution);
        } catch (error) {
          // A 5xx or a lost answer may have applied; a saved 500 is replayed to every retry
          // with the key, so only the transaction's metadata can say whether it did.
          if (!indeterminate(error)) throw error;
          const made = await existing(customer, execution).catch(() => null);
          if (made) return accept(made, execution);
          throw error;
        }
      } catch (error) {
        throw toExecutorError(error);
      }
    },
  };
}
