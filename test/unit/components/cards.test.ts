import { describe, expect, it } from 'vitest';
import { channelLabel } from '../../../components/model/channel';
import { summarizeCredits } from '../../../components/model/credits';
import { entriesPhase, entryModels, loadedBodies } from '../../../components/model/entries';
import { escalationModel } from '../../../components/model/escalation';
import { initialsOf } from '../../../components/model/initials';
import { ownerModel } from '../../../components/model/owner';
import { caseStatusLabel } from '../../../components/model/status';
import type { EscalationView } from '../../../lib/domain/snapshot';
import { ANA, BO, FIXTURE_NOW, sampleEntries } from './fixtures';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const opts = { locale: 'en-US', timeZone: 'UTC' };

describe('escalationModel', () => {
  const base: EscalationView = { state: 'none', holder: null, since: null, dueAt: null, reportedAt: null };

  it('says when a case is not escalated', () => {
    expect(escalationModel(base, FIXTURE_NOW, opts)).toMatchObject({
      tone: 'neutral',
      headline: 'Not escalated',
      details: [],
    });
  });

  it('names the holder, since when and for how long', () => {
    const model = escalationModel(
      {
        ...base,
        state: 'escalated',
        holder: 'Billing',
        since: at(FIXTURE_NOW - 50 * HOUR),
        dueAt: at(FIXTURE_NOW + HOUR),
      },
      FIXTURE_NOW,
      opts,
    );
    expect(model.tone).toBe('active');
    expect(model.headline).toBe('Escalated to Billing');
    expect(model.details).toEqual(['since Mar 8, 2026, 10:00 AM (2d)', 'report due Mar 10, 2026, 1:00 PM']);
  });

  it('an escalation inferred from the assignment says so, and that its time is an upper bound', () => {
    const model = escalationModel(
      {
        ...base,
        state: 'escalated',
        holder: 'Bo (Tier 2)',
        since: at(FIXTURE_NOW - 2 * HOUR),
        inferred: true,
      },
      FIXTURE_NOW,
      opts,
    );
    expect(model.headline).toBe('Escalated to Bo (Tier 2)');
    expect(model.details[0]).toBe('Inferred from the assignment; Freshdesk keeps no trail');
    expect(model.details[1]).toMatch(/^since .+ or earlier$/);
  });

  it('tells overdue apart in words and tone', () => {
    const model = escalationModel(
      {
        ...base,
        state: 'overdue',
        holder: 'Billing',
        since: at(FIXTURE_NOW - 50 * HOUR),
        dueAt: at(FIXTURE_NOW - 3 * HOUR),
      },
      FIXTURE_NOW,
      opts,
    );
    expect(model.tone).toBe('danger');
    expect(model.headline).toBe('Overdue: Billing has not reported back');
    expect(model.details[0]).toBe('report was due Mar 10, 2026, 9:00 AM (3h ago)');
  });

  it.each([
    ['updated', 'Updated by Billing', 'active'],
    ['reported-back', 'Reported back by Billing', 'good'],
    ['returned', 'Returned by Billing', 'good'],
  ] as const)('%s reads "%s"', (state, headline, tone) => {
    expect(escalationModel({ ...base, state, holder: 'Billing' }, FIXTURE_NOW, opts)).toMatchObject({
      headline,
      tone,
    });
  });

  it('still reads when the holder is unknown', () => {
    expect(escalationModel({ ...base, state: 'escalated' }, FIXTURE_NOW, opts).headline).toBe(
      'Escalated to another team',
    );
  });
});

describe('ownerModel', () => {
  it('calls a marker "claimed" and shows the assignee who differs', () => {
    expect(
      ownerModel({ owner: ANA, source: 'marker', assignee: BO, groupName: 'Billing' }, 'zendesk'),
    ).toEqual({
      name: 'Ana Lee',
      email: ANA.email,
      source: 'claimed',
      nowWith: 'Now with Bo Park in Billing',
    });
  });

  it('names how ownership was derived on each helpdesk', () => {
    const view = { owner: ANA, source: 'derived', assignee: ANA, groupName: null } as const;
    expect(ownerModel(view, 'zendesk').source).toBe('first assigned');
    expect(ownerModel(view, 'freshdesk').source).toBe('first replied');
    expect(ownerModel(view, 'zendesk').nowWith).toBeNull();
  });

  it('shows a group holding an unassigned case', () => {
    expect(
      ownerModel({ owner: null, source: 'none', assignee: null, groupName: 'Tier 2' }, 'zendesk'),
    ).toEqual({
      name: null,
      email: null,
      source: null,
      nowWith: 'Now in Tier 2, unassigned',
    });
  });
});

describe('summarizeCredits', () => {
  const line = (agentName: string, amount: number, currency = 'USD') => ({
    grantId: `${agentName}${amount}`,
    ticketId: '1',
    amount,
    currency,
    agentName,
    at: at(FIXTURE_NOW),
  });

  it('sums per agent and per currency, never across currencies', () => {
    const summary = summarizeCredits([
      line('Ana', 1000),
      line('Bo', 2500),
      line('Ana', 500),
      line('Ana', 700, 'EUR'),
    ]);
    expect(summary.totals).toEqual([
      { amount: 4000, currency: 'USD' },
      { amount: 700, currency: 'EUR' },
    ]);
    expect(summary.byAgent).toEqual([
      { agentName: 'Bo', amounts: [{ amount: 2500, currency: 'USD' }] },
      {
        agentName: 'Ana',
        amounts: [
          { amount: 1500, currency: 'USD' },
          { amount: 700, currency: 'EUR' },
        ],
      },
    ]);
  });

  it('is empty without credits', () => {
    expect(summarizeCredits([])).toEqual({ totals: [], byAgent: [] });
  });
});

describe('entries', () => {
  it('treats "not asked yet" and "loading" alike', () => {
    expect(entriesPhase(undefined)).toEqual({ phase: 'loading' });
    expect(entriesPhase({ loading: true })).toEqual({ phase: 'loading' });
    const error = { message: 'Zendesk failed (500)', status: 500, retryable: true };
    expect(entriesPhase({ error })).toEqual({ phase: 'failed', error });
  });

  it('orders the conversation oldest first and names authors', () => {
    const view = sampleEntries('42');
    const models = entryModels({ ...view, entries: [...view.entries].reverse() });
    expect(models.map((m) => m.id)).toEqual(['1', '2', '3']);
    expect(models.map((m) => m.kind)).toEqual(['public', 'private', 'public']);
    expect(models[1]?.author).toBe('Ana Lee');
  });

  it('falls back to a role when the author is unknown', () => {
    const view = sampleEntries('42');
    const orphan = { ...view, authors: {} };
    expect(entryModels(orphan).map((m) => m.author)).toEqual([
      'Customer',
      'Unknown author',
      'Unknown author',
    ]);
  });

  it('indexes loaded bodies for the filter, skipping tickets still loading', () => {
    const bodies = loadedBodies({ '42': sampleEntries('42'), '43': { loading: true } });
    expect([...bodies.keys()]).toEqual(['42']);
    expect(bodies.get('42')).toContain('lost in transit');
  });
});

describe('small labels', () => {
  it('makes initials from the first and last word', () => {
    expect(initialsOf('Ana Maria Lee')).toBe('AL');
    expect(initialsOf('  zoë ')).toBe('Z');
    expect(initialsOf('')).toBe('?');
  });

  it('names known channels and shows unknown ones as written', () => {
    expect(channelLabel('web')).toBe('Web form');
    expect(channelLabel('Feedback Widget')).toBe('Widget');
    expect(channelLabel('carrier pigeon')).toBe('carrier pigeon');
    expect(channelLabel(null)).toBe('Unknown channel');
  });

  it('labels custom statuses with their raw value', () => {
    expect(caseStatusLabel({ status: 'custom', rawStatus: '7' })).toBe('Status 7');
    expect(caseStatusLabel({ status: 'on-hold', rawStatus: 'hold' })).toBe('On hold');
  });
});
