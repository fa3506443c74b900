import { describe, expect, it } from 'vitest';
import { agentStats, medianMinor } from '@/lib/review/stats';
import { row } from './row';

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

  it('shares solved cases with a grant over all the agent’s solved cases known', () => {
    const stats = agentStats(
      [
        row({ ticketId: '1', solved: true }),
        row({ ticketId: '1', solved: true }),
        row({ ticketId: '2', solved: false }),
      ],
      [
        { agentKey: 'acme.zendesk.com:10', caseKey: 'zendesk:acme.zendesk.com:3' },
        { agentKey: 'acme.zendesk.com:10', caseKey: 'zendesk:acme.zendesk.com:1' },
        { agentKey: 'acme.zendesk.com:20', caseKey: 'zendesk:acme.zendesk.com:4' },
      ],
    );
    expect(stats[0]!.solvedShare).toBe(0.5);
  });

  it('has no share when no solved case is known', () => {
    expect(agentStats([row({ solved: null })])[0]!.solvedShare).toBeNull();
  });
});
