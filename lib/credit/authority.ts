import { type CreditGrant, reserves } from '../domain/credit-grant';
import { formatMoney } from '../domain/money-format';
import type { AuthorityPolicy, Period, Tier } from '../domain/policy';
import { periodBounds } from './period';

/** What this rep may still grant, derived from the ledger; never stored. All amounts are minor units. */
export interface Authority {
  currency: string;
  period: Period;
  /** Null when the policy gives this agent no tier: no authority at all. */
  tierName: string | null;
  perGrantMax: number;
  periodBudget: number;
  usedThisPeriod: number;
  remainingThisPeriod: number;
  customerLimit: number;
  customerUsed: number;
  customerRemaining: number;
  /** The largest grant possible right now: the least of the three. */
  maxGrantNow: number;
  /** Epoch ms. */
  periodStart: number;
  resetsAt: number;
}

export interface AuthorityInput {
  policy: AuthorityPolicy;
  tier: Tier | null;
  /** The helpdesk host (`acme.zendesk.com`): ids are only unique within one account. */
  account: string;
  agentId: string;
  customerId: string;
  /** The merged ledger (local and helpdesk), see mergeLedger. */
  grants: readonly CreditGrant[];
  /** Epoch ms. */
  now: number;
}

const sum = (grants: readonly CreditGrant[]): number =>
  // Saturate rather than lose integer precision if a forged marker carries a huge amount.
  Math.min(
    Number.MAX_SAFE_INTEGER,
    grants.reduce((total, g) => total + g.amount.amount, 0),
  );

/**
 * Counts this agent's reserving grants (pending, committing, recorded) in the
 * current period. Grants in another currency (after a policy change) count at
 * face value: that can only lower authority, never let a rep overspend.
 */
export const computeAuthority = (input: AuthorityInput): Authority => {
  const { policy, tier } = input;
  const { start, end } = periodBounds(input.now, policy.period, policy.timeZone);
  const mine = input.grants.filter((g) => {
    const at = Date.parse(g.at);
    return (
      reserves(g) &&
      g.ticket.account === input.account &&
      g.agentId === input.agentId &&
      at >= start &&
      at < end
    );
  });
  const toCustomer = mine.filter((g) => g.customerId === input.customerId);
  const usedThisPeriod = sum(mine);
  const customerUsed = sum(toCustomer);
  const perGrantMax = tier?.perGrant ?? 0;
  const periodBudget = tier?.perPeriod ?? 0;
  const customerLimit = tier?.perCustomerPerPeriod ?? 0;
  const remainingThisPeriod = Math.max(0, periodBudget - usedThisPeriod);
  const customerRemaining = Math.max(0, customerLimit - customerUsed);
  return {
    currency: policy.currency,
    period: policy.period,
    tierName: tier?.name ?? null,
    perGrantMax,
    periodBudget,
    usedThisPeriod,
    remainingThisPeriod,
    customerLimit,
    customerUsed,
    customerRemaining,
    maxGrantNow: Math.min(perGrantMax, remainingThisPeriod, customerRemaining),
    periodStart: start,
    resetsAt: end,
  };
};

export type GrantLimit = 'per-grant' | 'per-customer' | 'per-period' | 'no-policy' | 'invalid-amount';

export type GrantCheck = { ok: true } | { ok: false; limit: GrantLimit; message: string };

const PERIOD_WORD: Record<Period, string> = { day: 'today', week: 'this week', month: 'this month' };

/**
 * Whether `amount` may be granted now. When several limits stop it, the one
 * with the least room is named, so the rep's next try is not refused again.
 */
export const checkGrant = (authority: Authority | null, amount: number): GrantCheck => {
  if (authority === null || authority.tierName === null) {
    return {
      ok: false,
      limit: 'no-policy',
      message: 'You have no credit authority under the current policy.',
    };
  }
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    return { ok: false, limit: 'invalid-amount', message: 'Enter an amount greater than zero.' };
  }
  const money = (value: number) => formatMoney({ amount: value, currency: authority.currency });
  const when = PERIOD_WORD[authority.period];
  const limits: { limit: GrantLimit; room: number; message: string }[] = [
    {
      limit: 'per-grant',
      room: authority.perGrantMax,
      message: `Over your limit of ${money(authority.perGrantMax)} per grant.`,
    },
    {
      limit: 'per-customer',
      room: authority.customerRemaining,
      message: `Over your limit for this customer: ${money(authority.customerRemaining)} left ${when}.`,
    },
    {
      limit: 'per-period',
      room: authority.remainingThisPeriod,
      message: `Over your budget: ${money(authority.remainingThisPeriod)} left ${when}.`,
    },
  ];
  const stopping = limits.filter((l) => amount > l.room).sort((a, b) => a.room - b.room)[0];
  return stopping ? { ok: false, limit: stopping.limit, message: stopping.message } : { ok: true };
};
