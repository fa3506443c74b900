import { describe, expect, it } from 'vitest';
import { deriveCaseState } from '../../../lib/casework/case-state';
import type { Entry } from '../../../lib/domain/model';
import { toAssignmentChanges } from '../../../lib/helpdesks/zendesk/normalize';
import { ZendeskAuditsPage } from '../../../lib/helpdesks/zendesk/schemas';
import { ALICE, BOB, CAROL, caseOf, entry, REQUESTER, refOf, t } from './fixtures';

/** A triage agent a trigger routes new tickets to. */
const TESS = '44';
const SYSTEM = '-1';

type Via = 'person' | 'trigger' | 'automation';
/** One row of an audit table: when, whose audit, how, and the assignee it moved from → to. */
type Row = [at: string, author: string, via: Via, from: string | null, to: string];

const ruleVia = (rel: 'trigger' | 'automation') => ({
  channel: 'rule',
  source: {
    to: {},
    from: { id: 35079792, title: rel === 'trigger' ? 'Assign to triage' : 'Escalate stale' },
    rel,
  },
});

/** The audits Zendesk would send for the table, in its shapes (helpdesk-apis.md §1.3, Via object reference). */
const auditsOf = (rows: readonly Row[]) =>
  ZendeskAuditsPage.parse({
    audits: rows.map(([at, author, via, from, to], i) => {
      const event = {
        id: 900 + i,
        type: from === null ? 'Create' : 'Change',
        field_name: 'assignee_id',
        value: to,
        ...(from === null ? {} : { previous_value: from }),
        // A trigger marks its own events inside the update that set it off.
        ...(via === 'trigger' ? { via: ruleVia('trigger') } : {}),
      };
      return {
        id: 100 + i,
        created_at: at,
        author_id: Number(author),
        via: via === 'automation' ? ruleVia('automation') : { channel: 'web', source: { rel: null } },
        events: [event],
      };
    }),
  }).audits;

const stateOf = (rows: readonly Row[], entries: Entry[] = [], assigneeId = rows.at(-1)?.[4] ?? null) =>
  deriveCaseState({
    case: caseOf('zendesk', { assigneeId }),
    entries,
    trail: toAssignmentChanges(auditsOf(rows), refOf('zendesk')).changes,
    now: Date.parse(t('12:00')),
  });

describe('Zendesk triage: a rule’s first assignment is routing, not an escalation', () => {
  it('a trigger routes a new ticket to triage, a person assigns it on: the person’s pick owns it, not escalated', () => {
    const state = stateOf([
      [t('08:00'), REQUESTER, 'trigger', null, TESS],
      [t('08:20'), CAROL, 'person', TESS, ALICE],
    ]);
    expect(state.owner).toEqual({ ownerId: ALICE, source: 'derived' });
    expect(state.escalation.state).toBe('none');
  });

  it('a trigger’s assignment alone: that agent owns it, not escalated', () => {
    const state = stateOf([[t('08:00'), REQUESTER, 'trigger', null, ALICE]]);
    expect(state.owner.ownerId).toBe(ALICE);
    expect(state.escalation.state).toBe('none');
  });

  it('a routed agent who answered the customer owns the case: their hand-off by hand is an escalation', () => {
    const state = stateOf(
      [
        [t('08:00'), REQUESTER, 'trigger', null, ALICE],
        [t('10:00'), ALICE, 'person', ALICE, BOB],
      ],
      [entry('zendesk', t('09:00'), ALICE, 'Looking into it')],
    );
    expect(state.owner.ownerId).toBe(ALICE);
    expect(state.escalation).toMatchObject({ state: 'escalated', holderAgentId: BOB, ownerId: ALICE });
  });

  it('a later reassignment away from the owner by an automation still is an escalation', () => {
    const state = stateOf([
      [t('08:00'), CAROL, 'person', null, ALICE],
      [t('10:00'), SYSTEM, 'automation', ALICE, BOB],
    ]);
    expect(state.owner.ownerId).toBe(ALICE);
    expect(state.escalation).toMatchObject({
      state: 'escalated',
      holderAgentId: BOB,
      since: '2026-03-10T10:00:00.000Z',
    });
  });

  it('a trigger that moves an owned case on is an escalation too', () => {
    const state = stateOf(
      [
        [t('08:00'), REQUESTER, 'trigger', null, ALICE],
        [t('10:00'), REQUESTER, 'trigger', ALICE, BOB],
      ],
      [entry('zendesk', t('09:00'), ALICE, 'On it')],
    );
    expect(state.escalation).toMatchObject({ state: 'escalated', holderAgentId: BOB, ownerId: ALICE });
  });

  it('trails cached before rules were told apart read as before: the first assignee owns it', () => {
    const state = deriveCaseState({
      case: caseOf('zendesk', { assigneeId: ALICE }),
      entries: [],
      trail: toAssignmentChanges(auditsOf([[t('08:00'), REQUESTER, 'trigger', null, TESS]]), refOf('zendesk'))
        .changes.map(({ byRule: _, ...c }) => c)
        .concat({
          ticket: refOf('zendesk'),
          at: t('08:20'),
          authorId: CAROL,
          field: 'assignee',
          from: TESS,
          to: ALICE,
        }),
      now: Date.parse(t('12:00')),
    });
    expect(state.owner.ownerId).toBe(TESS);
  });
});
