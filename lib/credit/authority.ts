import type { GrantRefusal } from '../domain/command';
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

export type GrantLimit = GrantRefusal['limit'];

/** A refusal carries the limit and its figures (the sidebar words them) and lib/credit's English words for it. */
export type GrantCheck = { ok: true } | ({ ok: false; message: string } & GrantRefusal);

const PERIOD_WORD: Record<Period, string> = { day: 'today', week: 'this week', month: 'this month' };

/** The English the background logs and the gateway writes on the ticket; the sidebar words `refusal` itself. */
const inEnglish = (refusal: GrantRefusal): string => {
  if (!('room' in refusal)) {
    return refusal.limit === 'no-policy'
      ? 'You have no credit authority under the current policy.'
      : 'Enter an amount greater than zero.';
  }
  const room = formatMoney({ amount: refusal.room, currency: refusal.currency });
  const when = PERIOD_WORD[refusal.period];
  switch (refusal.limit) {
    case 'per-grant':
      return `Over your limit of ${room} per grant.`;
    case 'per-customer':
      return `Over your limit for this customer: ${room} left ${when}.`;
    case 'per-period':
      return `Over your budget: ${room} left ${when}.`;
  }
};

const refused = (refusal: GrantRefusal): GrantCheck => ({
  ok: false,
  ...refusal,
  message: inEnglish(refusal),
});

/**
 * Whether `amount` may be granted now. When several limits stop it, the one
 * with the least room is named, so the rep's next try is not refused again.
 */
export const checkGrant = (authority: Authority | null, amount: number): GrantCheck => {
  if (authority === null || authority.tierName === null) return refused({ limit: 'no-policy' });
  if (!Number.isSafeInteger(amount) || amount <= 0) return refused({ limit: 'invalid-amount' });
  const limits = [
    { limit: 'per-grant', room: authority.perGrantMax },
    { limit: 'per-customer', room: authority.customerRemaining },
    { limit: 'per-period', room: authority.remainingThisPeriod },
  ] as const;
  const stopping = limits.filter((l) => amount > l.room).sort((a, b) => a.room - b.room)[0];
  return stopping
    ? refused({ ...stopping, currency: authority.currency, period: authority.period })
    : { ok: true };
};
