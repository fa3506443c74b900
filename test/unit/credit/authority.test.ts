import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Authority, checkGrant, computeAuthority } from '../../../lib/credit/authority';
import { tierFor } from '../../../lib/credit/policy';
import type { CreditGrant, GrantState } from '../../../lib/domain/credit-grant';
import { AuthorityPolicy } from '../../../lib/domain/policy';
import { POLICY } from './examples';

const policy = AuthorityPolicy.parse(POLICY); // week, America/New_York; junior 1000/2000/10000
const junior = tierFor(policy, { id: '99', email: null });
const ACCOUNT = 'acme.zendesk.com';
const NOW = Date.parse('2026-03-11T15:00:00Z'); // Wednesday; the week began Mon 2026-03-09 04:00Z

let n = 0;
const grant = (over: Partial<Omit<CreditGrant, 'amount'>> & { amount?: number } = {}): CreditGrant => {
  n += 1;
  const { amount, ...rest } = over;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ticket: { helpdesk: 'zendesk', account: ACCOUNT, id: '1' },
    customerId: '500',
    agentId: '99',
    amount: { amount: amount ?? 100, currency: 'USD' },
    reason: 'late delivery',
    at: '2026-03-10T12:00:00Z',
    state: 'recorded',
    ...rest,
  };
};

const authorityOf = (grants: CreditGrant[], customerId = '500') =>
  computeAuthority({ policy, tier: junior, account: ACCOUNT, agentId: '99', customerId, grants, now: NOW });

describe('computeAuthority', () => {
  it('with no grants, the tier limits', () => {
    expect(authorityOf([])).toEqual({
      currency: 'USD',
      period: 'week',
      tierName: 'junior',
      perGrantMax: 1000,
      periodBudget: 10000,
      usedThisPeriod: 0,
      remainingThisPeriod: 10000,
      customerLimit: 2000,
      customerUsed: 0,
      customerRemaining: 2000,
      maxGrantNow: 1000,
      periodStart: Date.parse('2026-03-09T04:00:00Z'),
      resetsAt: Date.parse('2026-03-16T04:00:00Z'),
    });
  });

  it('counts reservations and recorded grants, not undone or failed ones', () => {
    const states: GrantState[] = ['pending', 'committing', 'recorded', 'undone', 'failed'];
    const grants = states.map((state, i) =>
      grant({ state, amount: 10 ** i, ...(state === 'failed' ? { error: 'Zendesk refused (403)' } : {}) }),
    );
    expect(authorityOf(grants)).toMatchObject({ usedThisPeriod: 111, customerUsed: 111 });
  });

  it('counts only this agent, this account and this period; the customer limit only this customer', () => {
    const grants = [
      grant({ amount: 300 }),
      grant({ amount: 200, customerId: '501' }),
      grant({ amount: 5000, agentId: '7' }),
      grant({ amount: 5000, ticket: { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '1' } }),
      grant({ amount: 5000, at: '2026-03-09T03:59:59Z' }), // Sunday 23:59:59 in New York: last week
      grant({ amount: 7, at: '2026-03-09T04:00:00Z' }), // Monday 00:00: this week
      grant({ amount: 5000, at: '2026-03-16T04:00:00Z' }), // next week
    ];
    expect(authorityOf(grants)).toMatchObject({
      usedThisPeriod: 507,
      remainingThisPeriod: 9493,
      customerUsed: 307,
      customerRemaining: 1693,
      maxGrantNow: 1000,
    });
  });

  it('maxGrantNow is the least of the three, never negative', () => {
    expect(authorityOf([grant({ amount: 1800 })]).maxGrantNow).toBe(200);
    expect(authorityOf([grant({ amount: 9900, customerId: '501' })]).maxGrantNow).toBe(100);
    const over = authorityOf([grant({ amount: 50_000, customerId: '501' }), grant({ amount: 9000 })]);
    expect(over).toMatchObject({ remainingThisPeriod: 0, customerRemaining: 0, maxGrantNow: 0 });
  });

  it('no tier: no authority', () => {
    const none = computeAuthority({
      policy,
      tier: null,
      account: ACCOUNT,
      agentId: '99',
      customerId: '500',
      grants: [],
      now: NOW,
    });
    expect(none).toMatchObject({ tierName: null, maxGrantNow: 0, periodBudget: 0 });
    expect(checkGrant(none, 1)).toMatchObject({ ok: false, limit: 'no-policy' });
    expect(checkGrant(null, 1)).toMatchObject({ ok: false, limit: 'no-policy' });
  });
});

describe('checkGrant', () => {
  const fresh = authorityOf([]);

  it.each([
    [1000, { ok: true }],
    [1, { ok: true }],
    [0, { ok: false, limit: 'invalid-amount' }],
    [-5, { ok: false, limit: 'invalid-amount' }],
    [10.5, { ok: false, limit: 'invalid-amount' }],
    [Number.NaN, { ok: false, limit: 'invalid-amount' }],
    [2 ** 53, { ok: false, limit: 'invalid-amount' }],
    [1001, { ok: false, limit: 'per-grant', message: 'Over your limit of $10.00 per grant.' }],
  ])('%d on a fresh week → %o', (amount, expected) => {
    expect(checkGrant(fresh, amount)).toMatchObject(expected);
  });

  it('names the limit with the least room', () => {
    const customerNearlyDone = authorityOf([grant({ amount: 1800 })]);
    expect(checkGrant(customerNearlyDone, 500)).toEqual({
      ok: false,
      limit: 'per-customer',
      room: 200,
      currency: 'USD',
      period: 'week',
      message: 'Over your limit for this customer: $2.00 left this week.',
    });
    const budgetNearlyDone = authorityOf([grant({ amount: 9950, customerId: '501' })]);
    expect(checkGrant(budgetNearlyDone, 2000)).toEqual({
      ok: false,
      limit: 'per-period',
      room: 50,
      currency: 'USD',
      period: 'week',
      message: 'Over your budget: $0.50 left this week.',
    });
  });
});

describe('authority properties', () => {
  const tierArb = fc
    .tuple(fc.nat(100_000), fc.nat(100_000), fc.nat(100_000))
    .map((l) => l.sort((a, b) => a - b))
    .map(([perGrant, perCustomerPerPeriod, perPeriod]) => ({
      name: 't',
      perGrant,
      perCustomerPerPeriod,
      perPeriod,
    }));
  const attempts = fc.array(
    fc.record({ amount: fc.integer({ min: -10, max: 120_000 }), customer: fc.constantFrom('1', '2', '3') }),
    { maxLength: 60 },
  );

  it('accepted grants never exceed the period budget or any customer limit', () => {
    fc.assert(
      fc.property(tierArb, attempts, (tier, tries) => {
        const ledger: CreditGrant[] = [];
        const authority = (customerId: string): Authority =>
          computeAuthority({
            policy,
            tier,
            account: ACCOUNT,
            agentId: '99',
            customerId,
            grants: ledger,
            now: NOW,
          });
        for (const t of tries) {
          const a = authority(t.customer);
          expect(a.remainingThisPeriod).toBeGreaterThanOrEqual(0);
          expect(a.customerRemaining).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(a.maxGrantNow)).toBe(true);
          const check = checkGrant(a, t.amount);
          expect(check.ok).toBe(t.amount >= 1 && t.amount <= a.maxGrantNow);
          if (check.ok) ledger.push(grant({ amount: t.amount, customerId: t.customer, state: 'pending' }));
        }
        const total = ledger.reduce((s, g) => s + g.amount.amount, 0);
        expect(total).toBeLessThanOrEqual(tier.perPeriod);
        for (const c of ['1', '2', '3']) {
          const perCustomer = ledger
            .filter((g) => g.customerId === c)
            .reduce((s, g) => s + g.amount.amount, 0);
          expect(perCustomer).toBeLessThanOrEqual(tier.perCustomerPerPeriod);
        }
        expect(authority('1').usedThisPeriod).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('remaining is never negative, whatever the ledger holds', () => {
    const anyGrant = fc.record({
      amount: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      customerId: fc.constantFrom('500', '501'),
      state: fc.constantFrom<GrantState>('pending', 'committing', 'recorded', 'undone'),
    });
    fc.assert(
      fc.property(fc.array(anyGrant, { maxLength: 20 }), (gs) => {
        const a = authorityOf(gs.map((g) => grant(g)));
        expect(a.remainingThisPeriod).toBeGreaterThanOrEqual(0);
        expect(a.customerRemaining).toBeGreaterThanOrEqual(0);
        expect(a.maxGrantNow).toBeGreaterThanOrEqual(0);
        expect(Number.isSafeInteger(a.usedThisPeriod)).toBe(true);
      }),
    );
  });
});
