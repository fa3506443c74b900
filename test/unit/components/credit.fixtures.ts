import type { AuthorityView, CreditView, GrantView } from '../../../lib/domain/snapshot';
import { FIXTURE_NOW, HOSTILE } from './fixtures';

export const NOW = FIXTURE_NOW;
/** The Monday after FIXTURE_NOW (a Tuesday), midnight UTC: the weekly reset. */
export const RESETS_AT = '2026-03-16T00:00:00.000Z';

export const authority = (over: Partial<AuthorityView> = {}): AuthorityView => ({
  currency: 'USD',
  tierName: 'Senior',
  perGrantMax: 5000,
  periodBudget: 10000,
  usedThisPeriod: 6000,
  remainingThisPeriod: 4000,
  customerLimit: 3000,
  customerRemaining: 3000,
  maxGrantNow: 3000,
  resetsAt: RESETS_AT,
  ...over,
});

export const grant = (over: Partial<GrantView> = {}): GrantView => ({
  id: '00000000-0000-4000-8000-000000000001',
  amount: 2500,
  currency: 'USD',
  reason: 'Late delivery',
  state: 'recorded',
  error: null,
  undoUntil: null,
  at: new Date(NOW - 60_000).toISOString(),
  ...over,
});

export const creditView = (over: Partial<CreditView> = {}): CreditView => ({
  policy: {
    source: 'managed',
    presets: [500, 1000, 2500, 5000],
    reasons: ['Late delivery', 'Damaged item', HOSTILE.script],
    undoSeconds: 5,
  },
  disabledReason: null,
  authority: authority(),
  grants: [],
  approvals: [],
  needsCredentials: false,
  ...over,
});

export const ready = <T>(data: T) => ({ data, refreshing: false, error: null, updatedAt: NOW - 5_000 });
