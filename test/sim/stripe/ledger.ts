import { randomBytes } from 'node:crypto';
import { invalidParam, missingParam, noSuch, type StripeErrorFields, unknownParam } from './errors';
import type { FormMap, FormValue } from './form';

/** The customer object as the API returns it (the fields a balance credit touches, and the rest as Stripe's defaults). */
export interface Customer {
  id: string;
  object: 'customer';
  address: null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  discount: null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: null;
    footer: null;
    rendering_options: null;
  };
  livemode: false;
  metadata: Record<string, string>;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none';
  test_clock: null;
}

/** docs.stripe.com/api/customer_balance_transactions/object; negative `amount` is a credit. */
export interface BalanceTransaction {
  id: string;
  object: 'customer_balance_transaction';
  amount: number;
  checkout_session: null;
  created: number;
  credit_note: null;
  currency: string;
  customer: string;
  description: string | null;
  ending_balance: number;
  invoice: null;
  livemode: false;
  metadata: Record<string, string>;
  type: 'adjustment';
}

export interface ListEnvelope<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** A refusal from an endpoint: the HTTP status and Stripe's error fields. */
export class EndpointError extends Error {
  constructor(
    readonly status: number,
    readonly fields: StripeErrorFields,
  ) {
    super(fields.message);
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Stripe ids: a prefix and 14 or more alphanumerics (`cus_…`, `cbtxn_…`, `req_…`). */
export const newId = (prefix: string, length = 14): string =>
  `${prefix}_${[...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')}`;

const now = (): number => Math.floor(Date.now() / 1000);

const bad = (fields: StripeErrorFields, status = 400): EndpointError => new EndpointError(status, fields);

const stringParam = (params: FormMap, name: string): string | undefined => {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(invalidParam(name, `Invalid string: ${name} must be a string`));
  return value;
};

/** Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
function metadataParam(value: FormValue | undefined): Record<string, string> {
  if (value === undefined || value === '') return {};
  if (typeof value === 'string' || Array.isArray(value)) {
    throw bad(invalidParam('metadata', 'Invalid object'));
  }
  const entries = Object.entries(value);
  if (entries.length > 50) throw bad(invalidParam('metadata', 'Metadata can have at most 50 keys.'));
  const metadata: Record<string, string> = {};
  for (const [key, v] of entries) {
    if (typeof v !== 'string') throw bad(invalidParam(`metadata[${key}]`, 'Invalid string'));
    if (key.length > 40) throw bad(invalidParam('metadata', 'Metadata keys can be at most 40 characters.'));
    if (v.length > 500)
      throw bad(invalidParam(`metadata[${key}]`, 'Metadata values can be at most 500 characters.'));
    metadata[key] = v;
  }
  return metadata;
}

const onlyParams = (params: FormMap, allowed: readonly string[]): void => {
  const unknown = Object.keys(params).find((name) => !allowed.includes(name) && name !== 'expand');
  if (unknown !== undefined) throw bad(unknownParam(unknown));
};

/** `limit` 1–100 (default 10), `starting_after` / `ending_before` cursors; newest first. */
function page<T extends { id: string }>(items: T[], params: FormMap, url: string): ListEnvelope<T> {
  const limitText = stringParam(params, 'limit');
  const limit = limitText === undefined ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw bad(
      invalidParam('limit', 'This value must be greater than or equal to 1 and less than or equal to 100.'),
    );
  }
  const after = stringParam(params, 'starting_after');
  const before = stringParam(params, 'ending_before');
  let start = 0;
  let end = items.length;
  if (after !== undefined) start = items.findIndex((i) => i.id === after) + 1;
  if (before !== undefined)
    end = Math.max(
      0,
      items.findIndex((i) => i.id === before),
    );
  const window =
    before !== undefined && after === undefined
      ? items.slice(Math.max(0, end - limit), end)
      : items.slice(start, end);
  const data = window.slice(0, limit);
  return {
    object: 'list',
    data,
    has_more: window.length > limit || (before !== undefined && end - limit > 0),
    url,
  };
}

/** One Stripe account's customers and their balance transactions. */
export interface Ledger {
  createCustomer(params: FormMap): Customer;
  listCustomers(params: FormMap): ListEnvelope<Customer>;
  customer(id: string): Customer;
  createBalanceTransaction(customerId: string, params: FormMap): BalanceTransaction;
  listBalanceTransactions(customerId: string, params: FormMap): ListEnvelope<BalanceTransaction>;
  balanceTransaction(customerId: string, id: string): BalanceTransaction;
  /** Every balance transaction, oldest first (for assertions). */
  allBalanceTransactions(): BalanceTransaction[];
  allCustomers(): Customer[];
  reset(): void;
}

export function createLedger(): Ledger {
  let customers: Customer[] = [];
  let transactions: BalanceTransaction[] = [];

  const customer = (id: string, param = 'id'): Customer => {
    const found = customers.find((c) => c.id === id);
    if (!found) throw bad(noSuch('customer', id, param), 404);
    return found;
  };
  const newestFirst = <T>(items: T[]): T[] => [...items].reverse();

  return {
    createCustomer(params) {
      onlyParams(params, ['email', 'name', 'description', 'metadata', 'phone', 'preferred_locales']);
      const created: Customer = {
        id: newId('cus'),
        object: 'customer',
        address: null,
        balance: 0,
        created: now(),
        currency: null,
        default_source: null,
        delinquent: false,
        description: stringParam(params, 'description') ?? null,
        discount: null,
        email: stringParam(params, 'email') ?? null,
        invoice_prefix: newId('x', 8).slice(2).toUpperCase(),
        invoice_settings: {
          custom_fields: null,
          default_payment_method: null,
          footer: null,
          rendering_options: null,
        },
        livemode: false,
        metadata: metadataParam(params.metadata),
        name: stringParam(params, 'name') ?? null,
        next_invoice_sequence: 1,
        phone: stringParam(params, 'phone') ?? null,
        preferred_locales: [],
        shipping: null,
        tax_exempt: 'none',
        test_clock: null,
      };
      customers.push(created);
      return created;
    },
    listCustomers(params) {
      onlyParams(params, ['email', 'limit', 'starting_after', 'ending_before', 'created', 'test_clock']);
      // Stripe's email filter is exact and case-sensitive.
      const email = stringParam(params, 'email');
      const matching = email === undefined ? customers : customers.filter((c) => c.email === email);
      return page(newestFirst(matching), params, '/v1/customers');
    },
    customer: (id) => customer(id),
    createBalanceTransaction(customerId, params) {
      const owner = customer(customerId, 'customer');
      onlyParams(params, ['amount', 'currency', 'description', 'metadata']);
      const amountText = stringParam(params, 'amount');
      if (amountText === undefined) throw bad(missingParam('amount'));
      if (!/^-?\d+$/.test(amountText)) {
        throw bad(invalidParam('amount', `Invalid integer: ${amountText}`, 'parameter_invalid_integer'));
      }
      const amount = Number(amountText);
      const currencyText = stringParam(params, 'currency');
      if (currencyText === undefined) throw bad(missingParam('currency'));
      const currency = currencyText.toLowerCase();
      if (!/^[a-z]{3}$/.test(currency))
        throw bad(invalidParam('currency', `Invalid currency: ${currencyText}`));
      if (owner.currency !== null && owner.currency !== currency) {
        throw bad(
          invalidParam(
            'currency',
            `The currency of this balance transaction (${currency}) does not match the customer's currency (${owner.currency}).`,
          ),
        );
      }
      const description = stringParam(params, 'description') ?? null;
      const metadata = metadataParam(params.metadata);
      owner.currency = currency;
      owner.balance += amount;
      const created: BalanceTransaction = {
        id: newId('cbtxn'),
        object: 'customer_balance_transaction',
        amount,
        checkout_session: null,
        created: now(),
        credit_note: null,
        currency,
        customer: owner.id,
        description,
        ending_balance: owner.balance,
        invoice: null,
        livemode: false,
        metadata,
        type: 'adjustment',
      };
      transactions.push(created);
      return created;
    },
    listBalanceTransactions(customerId, params) {
      customer(customerId, 'customer');
      onlyParams(params, ['limit', 'starting_after', 'ending_before', 'created', 'invoice']);
      const own = transactions.filter((t) => t.customer === customerId);
      return page(newestFirst(own), params, `/v1/customers/${customerId}/balance_transactions`);
    },
    balanceTransaction(customerId, id) {
      customer(customerId, 'customer');
      const found = transactions.find((t) => t.id === id && t.customer === customerId);
      if (!found) throw bad(noSuch('customer balance transaction', id, 'id'), 404);
      return found;
    },
    allBalanceTransactions: () => [...transactions],
    allCustomers: () => [...customers],
    reset() {
      customers = [];
      transactions = [];
    },
  };
}
