import { describe, expect, it } from 'vitest';
import { agentStats, medianMinor, spreadOf } from '@/lib/domain/review/stats';
import { row } from '../../review/row';

describe('medianMinor', () => {
  it('is the middle value, the lower middle for an even count, and stays an integer', () => {
    expect(medianMinor([])).toBe(0);
    expect(medianMinor([700, 100, 300])).toBe(300);
    expect(medianMinor([100, 200, 300, 401])).toBe(200);
  });
});

describe('agentStats', () => {
  it('counts, sums and takes the median per agent, largest total first', () => {
    const stats = agentStats([
      row({ agentId: '10', amount: 500 }),
      row({ agentId: '10', amount: 2500 }),
      row({ agentId: '10', amount: 1000 }),
      row({ agentId: '20', agentName: 'Ben', amount: 9000 }),
    ]);
    expect(stats.map((s) => [s.agentName, s.count, s.total, s.median])).toEqual([
      ['Ben', 1, 9000, 9000],
      ['Ada', 3, 4000, 1000],
    ]);
  });

  it('keeps the same agent id on two accounts apart', () => {
    const stats = agentStats([row({}), row({ account: 'other.zendesk.com' })]);
    expect(stats).toHaveLength(2);
  });

  it('shares the agent’s solved cases with a grant over their solved cases, as the helpdesk counted them', () => {
    const stats = agentStats(
      [
        row({ agentId: '10' }),
        row({ agentId: '20', agentName: 'Ben' }),
        row({ agentId: '30', agentName: 'Cy' }),
      ],
      [
        { agentKey: 'acme.zendesk.com:10', solved: 8, withGrant: 2 },
        { agentKey: 'acme.zendesk.com:20', solved: 0, withGrant: 0 },
      ],
    );
    const share = Object.fromEntries(stats.map((s) => [s.agentName, s.solvedShare]));
    expect(share).toEqual({ Ada: 0.25, Ben: null, Cy: null });
  });

  it('describes each agent’s grants by their five-number summary', () => {
    const [ada] = agentStats([100, 200, 300, 400, 1000].map((amount) => row({ amount })));
    expect(ada!.spread).toEqual({ min: 100, q1: 200, median: 300, q3: 400, max: 1000 });
    expect(spreadOf([])).toEqual({ min: 0, q1: 0, median: 0, q3: 0, max: 0 });
  });
});
