import { describe, expect, it } from 'vitest';
import { grantFromMarker, mergeLedger } from '../../../lib/credit/ledger';
import { CreditGrant } from '../../../lib/domain/credit-grant';
import type { Entry } from '../../../lib/domain/model';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TICKET = { helpdesk: 'zendesk' as const, account: 'acme.zendesk.com', id: '12' };

const g = (n: number, state: CreditGrant['state'], at = '2026-03-10T12:00:00Z'): CreditGrant => ({
  id: ID(n),
  ticket: TICKET,
  customerId: '500',
  agentId: '7',
  amount: { amount: 2500, currency: 'USD' },
  reason: 'late delivery',
  at,
  state,
  ...(state === 'failed' ? { error: 'Zendesk refused access (403)' } : {}),
});

describe('mergeLedger', () => {
  it('the helpdesk record replaces pending, committing, and even undone local states', () => {
    const local = [g(1, 'pending'), g(2, 'committing'), g(3, 'undone')];
    const remote = [g(1, 'recorded', '2026-03-10T12:00:07Z'), g(2, 'recorded'), g(3, 'recorded')];
    const merged = mergeLedger(local, remote).grants;
    expect(merged.map((x) => [x.id, x.state])).toEqual([
      [ID(2), 'recorded'],
      [ID(3), 'recorded'],
      [ID(1), 'recorded'],
    ]);
  });

  it('keeps local grants the helpdesk has not seen as they are', () => {
    const local = [g(1, 'pending'), g(2, 'undone'), g(3, 'failed'), g(4, 'committing')];
    expect(mergeLedger(local, [])).toEqual({ grants: local, conflicts: [] });
  });

  it('a grant written twice to the helpdesk counts once, at its first note', () => {
    const merged = mergeLedger(
      [],
      [g(1, 'recorded', '2026-03-10T12:05:00Z'), g(1, 'recorded', '2026-03-10T12:00:00Z')],
    ).grants;
    expect(merged).toHaveLength(1);
    expect(merged[0]?.at).toBe('2026-03-10T12:00:00Z');
  });

  it('adds grants another device recorded, oldest first', () => {
    const merged = mergeLedger(
      [g(1, 'recorded', '2026-03-10T13:00:00Z')],
      [g(2, 'recorded', '2026-03-10T11:00:00Z')],
    ).grants;
    expect(merged.map((x) => x.id)).toEqual([ID(2), ID(1)]);
  });

  it('is idempotent', () => {
    const local = [g(1, 'pending'), g(2, 'undone')];
    const remote = [g(1, 'recorded'), g(3, 'recorded')];
    const once = mergeLedger(local, remote).grants;
    expect(mergeLedger(once, remote).grants).toEqual(once);
  });

  it('a hand-written earlier note reusing a grant id with a smaller amount cannot shrink the ledger: the larger counts and the smaller is flagged', () => {
    const real = g(1, 'recorded', '2026-03-10T12:00:00Z');
    const shrunk = { ...g(1, 'recorded', '2026-03-10T11:00:00Z'), amount: { amount: 100, currency: 'USD' } };
    const fromHelpdesk = mergeLedger([], [real, shrunk]);
    expect(fromHelpdesk.grants).toEqual([real]);
    expect(fromHelpdesk.conflicts).toEqual([shrunk]);
    // Against this browser's own record of the grant too, whichever comes first.
    const againstLocal = mergeLedger([g(1, 'committing')], [shrunk]);
    expect(againstLocal.grants.map((x) => [x.amount.amount, x.state])).toEqual([[2500, 'recorded']]);
    expect(againstLocal.conflicts).toEqual([shrunk]);
  });
});

describe('grantFromMarker', () => {
  it('builds a valid recorded grant from a credit note', () => {
    const note: Entry = {
      ticket: TICKET,
      id: '9001',
      authorId: '7',
      public: false,
      fromCustomer: false,
      text: '…',
      createdAt: '2026-03-10T12:00:00Z',
    };
    const grant = grantFromMarker(
      {
        kind: 'credit',
        id: ID(1),
        amount: 2500,
        currency: 'USD',
        agent: '7',
        customer: '500',
        reason: 'late delivery',
      },
      note,
    );
    expect(CreditGrant.parse(grant)).toEqual(g(1, 'recorded'));
  });
});

describe('CreditGrant schema', () => {
  it('accepts every state, and a failed one only with its reason', () => {
    for (const state of ['pending', 'committing', 'recorded', 'undone', 'failed'] as const) {
      expect(CreditGrant.safeParse(g(1, state)).success).toBe(true);
    }
    const { error: _, ...noReason } = g(1, 'failed');
    expect(CreditGrant.safeParse(noReason).success).toBe(false);
  });

  it('refuses non-UUID ids, zero or fractional amounts, and numeric ids given as numbers', () => {
    expect(CreditGrant.safeParse({ ...g(1, 'pending'), id: 'grant-1' }).success).toBe(false);
    expect(
      CreditGrant.safeParse({ ...g(1, 'pending'), amount: { amount: 0, currency: 'USD' } }).success,
    ).toBe(false);
    expect(
      CreditGrant.safeParse({ ...g(1, 'pending'), amount: { amount: 2.5, currency: 'USD' } }).success,
    ).toBe(false);
    expect(CreditGrant.safeParse({ ...g(1, 'pending'), agentId: 7 }).success).toBe(false);
  });
});
