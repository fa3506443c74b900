import type { AuthorityView } from '../../../lib/domain/snapshot';

/** Which limit refuses an amount: the rep sees it named, with the amount it allows. */
export type LimitKind = 'per-grant' | 'customer' | 'period' | 'now';

export interface Blocking {
  kind: LimitKind;
  /** The most that limit allows now, minor units. */
  limit: number;
}

/**
 * The limit that stops `amount`, or null when it may be granted. When several
 * stop it, the tightest is named: lowering the amount to a looser one would
 * still be refused. `now` covers a `maxGrantNow` tighter than all three (the
 * background's word is final), so an amount is never allowed above it.
 */
export const blockingLimit = (authority: AuthorityView, amount: number): Blocking | null => {
  const limits: Blocking[] = [
    { kind: 'per-grant', limit: authority.perGrantMax },
    { kind: 'customer', limit: authority.customerRemaining },
    { kind: 'period', limit: authority.remainingThisPeriod },
  ];
  const exceeded = limits.filter((l) => amount > l.limit);
  if (exceeded.length > 0) {
    return exceeded.reduce((tightest, l) => (l.limit < tightest.limit ? l : tightest));
  }
  return amount > authority.maxGrantNow ? { kind: 'now', limit: authority.maxGrantNow } : null;
};
