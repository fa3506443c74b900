import type { CreditGrant } from '../domain/credit-grant';
import { reserves } from '../domain/credit-grant';
import type { CreditBlock, CreditOff } from '../domain/credit-off';
import type { Agent } from '../domain/model';
import type { AuthorityPolicy, PolicyResult, PolicySource, Tier } from '../domain/policy';
import { tierFor } from './policy';

/** Whether this agent may grant under the policy in force; when not, why, in a rep's words. */
export type Gate =
  | { open: true; policy: AuthorityPolicy; source: PolicySource; tier: Tier }
  | { open: false; reason: string; off: CreditOff | null; policy: AuthorityPolicy | null };

export const NOT_SIGNED_IN =
  'Credits are off until Frontline knows who you are: open a ticket while signed in to the helpdesk.';
export const NO_TIER =
  'Credits are off for you: the credit policy gives you no credit authority. Ask your manager to add you to a tier.';

/** Fail closed: no policy, an invalid one, an unknown agent or one without a tier all shut the gate. */
export function gateFor(result: PolicyResult, me: Agent | null): Gate {
  if ('error' in result) return { open: false, reason: result.error, off: result.off ?? null, policy: null };
  if (me === null)
    return { open: false, reason: NOT_SIGNED_IN, off: { why: 'not-signed-in' }, policy: result.policy };
  const tier = tierFor(result.policy, me);
  if (tier === null) return { open: false, reason: NO_TIER, off: { why: 'no-tier' }, policy: result.policy };
  return { open: true, policy: result.policy, source: result.source, tier };
}

/**
 * Grants this period in another currency than the policy's (the manager changed
 * the currency mid-period). Limits in one currency cannot be checked against
 * amounts in another, so grants stay off until the period ends: fail closed.
 */
export function currencyBlock(policy: AuthorityPolicy, ledger: readonly CreditGrant[]): CreditBlock | null {
  const other = ledger.find((g) => reserves(g) && g.amount.currency !== policy.currency);
  if (other === undefined) return null;
  const granted = other.amount.currency;
  return {
    english: `Credits are off: credits this ${policy.period} were granted in ${granted}, but the credit policy now uses ${policy.currency}. Ask your manager.`,
    off: { why: 'currency-changed', granted, currency: policy.currency, period: policy.period },
  };
}
