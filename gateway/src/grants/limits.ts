import { type Authority, checkGrant, type GrantLimit } from '../../../lib/credit/authority';
import type { PeriodBounds } from '../../../lib/credit/period';
import type { AuthorityPolicy, Tier } from '../../../lib/domain/policy';
import type { RefusalCode } from '../../../lib/gateway/protocol';

/** The extension's Authority, from the gateway's own totals, so both word a limit alike. */
export function authorityOf(
  policy: AuthorityPolicy,
  tier: Tier,
  bounds: PeriodBounds,
  used: number,
  customerUsed: number,
): Authority {
  const remainingThisPeriod = Math.max(0, tier.perPeriod - used);
  const customerRemaining = Math.max(0, tier.perCustomerPerPeriod - customerUsed);
  return {
    currency: policy.currency,
    period: policy.period,
    tierName: tier.name,
    perGrantMax: tier.perGrant,
    periodBudget: tier.perPeriod,
    usedThisPeriod: used,
    remainingThisPeriod,
    customerLimit: tier.perCustomerPerPeriod,
    customerUsed,
    customerRemaining,
    maxGrantNow: Math.min(tier.perGrant, remainingThisPeriod, customerRemaining),
    periodStart: bounds.start,
    resetsAt: bounds.end,
  };
}

const CODE: Record<GrantLimit, RefusalCode> = {
  'per-grant': 'over-per-grant',
  'per-customer': 'over-customer-period',
  'per-period': 'over-period',
  'no-policy': 'no-tier',
  // A marker's amount is a positive integer by its grammar; anything else never got this far.
  'invalid-amount': 'over-per-grant',
};

/** Null when `amount` fits; else the refusal code and lib/credit's words for it. */
export function overLimit(
  authority: Authority,
  amount: number,
): { code: RefusalCode; message: string } | null {
  const check = checkGrant(authority, amount);
  return check.ok ? null : { code: CODE[check.limit], message: check.message };
}
