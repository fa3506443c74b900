import { describe, expect, it } from 'vitest';
import { LOAD_SHAPE, LOAD_TIER, planLoad, sendOrder } from './scenario';

describe('the load plan', () => {
  const plan = planLoad(LOAD_SHAPE, Date.UTC(2026, 11, 4, 12));

  it('has 200 distinct reps, each granting for a different customer on every grant', () => {
    expect(new Set(plan.reps.map((r) => r.id)).size).toBe(200);
    expect(plan.reps).not.toContain(plan.gatewayUser);
    for (const rep of plan.reps) {
      const mine = plan.grants.filter((g) => g.agent === rep);
      expect(new Set(mine.map((g) => g.ticket.requesterId)).size).toBe(mine.length);
    }
    expect(new Set(plan.grants.map((g) => g.grantId)).size).toBe(plan.grants.length);
  });

  it('asks more of each rep than the period allows, and knows how much must be accepted', () => {
    const rep = plan.reps[1];
    const mine = plan.grants.filter((g) => g.agent === rep && g.kind === 'within-or-over-period');
    expect(mine).toHaveLength(5);
    expect(mine.reduce((sum, g) => sum + g.amount, 0)).toBeGreaterThan(LOAD_TIER.perPeriod);
    expect(plan.acceptedPerRep.get(rep?.id as string)).toBe(4);
    const burst = plan.grants.filter((g) => g.kind === 'burst');
    expect(burst).toHaveLength(20);
    expect(burst.reduce((sum, g) => sum + g.amount, 0)).toBe(2 * LOAD_TIER.perPeriod);
    expect(plan.acceptedPerRep.get(plan.burstRep.id)).toBe(10);
    // Every tenth rep but the burst rep (the first).
    expect(plan.grants.filter((g) => g.kind === 'over-per-grant').length).toBe(19);
  });

  it('sends duplicates side by side and the burst together', () => {
    const order = sendOrder(plan);
    const copies = plan.grants.reduce((sum, g) => sum + g.copies, 0);
    expect(order).toHaveLength(copies);
    expect(copies).toBeGreaterThan(plan.grants.length);
    const duplicated = plan.grants.find((g) => g.copies > 1);
    const at = order.findIndex((s) => s.grant === duplicated);
    expect(order.slice(at, at + 3).every((s) => s.grant === duplicated)).toBe(true);
    const firstBurst = order.findIndex((s) => s.grant.kind === 'burst');
    expect(order.slice(firstBurst, firstBurst + 20).every((s) => s.grant.kind === 'burst')).toBe(true);
  });
});
