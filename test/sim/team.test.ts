import { describe, expect, it } from 'vitest';
import { periodBounds } from '../../lib/credit/period';
import { decodeIndex, LEDGER_FIELD_LABEL } from '../../lib/domain/grant-index';
import { agentCreditTag, CREDIT_TAG } from '../../lib/domain/tags';
import { truthOf } from '../bench/team/truth';
import type { Helpdesk } from './data/model';
import { createStore } from './data/store';
import { generateTeamAccount } from './data/team';

const NOW = Date.parse('2026-12-03T08:00:00Z');
const WEEK = periodBounds(NOW, 'week', 'UTC');

describe.each<Helpdesk>(['zendesk', 'freshdesk'])('the team account (%s)', (helpdesk) => {
  it('holds 200 agents in groups, 100,000 tickets and 10,000 grants on 6,000 tickets', () => {
    const team = generateTeamAccount(helpdesk, {
      agents: 200,
      tickets: 100_000,
      grants: 10_000,
      grantTickets: 6_000,
      weekStart: WEEK.start,
      now: NOW,
      seed: 1,
    });
    expect(team.account.tickets.size).toBe(100_000);
    expect(team.agents).toHaveLength(200);
    expect(team.agents.every((a) => a.groupIds.length > 0)).toBe(true);
    expect(team.grants).toHaveLength(10_000);
    expect(new Set(team.grants.map((g) => g.ticketId)).size).toBe(6_000);
  });

  it('writes each grant as a note its agent wrote, so every one counts, and tags it for the team index', () => {
    const team = generateTeamAccount(helpdesk, {
      agents: 30,
      tickets: 3_000,
      grants: 400,
      grantTickets: 250,
      ownGrants: 20,
      weekStart: WEEK.start,
      now: NOW,
      seed: 3,
    });
    const data = createStore([team.account]);
    const truth = truthOf(data, team.account.host, WEEK.start, WEEK.end);
    expect(truth.grants).toBe(400);
    expect(truth.tickets).toBe(250);
    const byAgent = new Map<string, number>();
    for (const g of team.grants) byAgent.set(g.agentId, (byAgent.get(g.agentId) ?? 0) + g.amount);
    expect(truth.byAgent).toEqual(byAgent);
    expect(team.grants.filter((g) => g.agentId === team.agents[0]?.id)).toHaveLength(20);
    for (const g of team.grants) {
      const tags = team.account.tickets.get(g.ticketId)?.tags ?? [];
      expect(tags).toContain(CREDIT_TAG);
      expect(tags).toContain(agentCreditTag(g.agentId));
      // Freshdesk refuses tags over 32 characters.
      expect(agentCreditTag(g.agentId).length).toBeLessThanOrEqual(30);
    }
    expect(team.ledgerField).toBe(false);
  });

  it('with the ledger field, each grant ticket carries its grants as the team index encodes them', () => {
    const team = generateTeamAccount(helpdesk, {
      agents: 12,
      tickets: 2_000,
      grants: 120,
      grantTickets: 50,
      weekStart: WEEK.start,
      now: NOW,
      seed: 5,
      ledgerField: true,
    });
    const field = team.account.ticketFields.find((f) => f.title === LEDGER_FIELD_LABEL);
    expect(team.ledgerField).toBe(true);
    const key = field?.key ?? '';
    for (const g of team.grants) {
      const value = team.account.tickets.get(g.ticketId)?.customFields[key];
      const read = decodeIndex(typeof value === 'string' ? value : '');
      expect(read.damaged).toBe(false);
      expect(read.grants.map((x) => x.id)).toContain(g.id);
    }
  });
});
