import { describe, expect, it } from 'vitest';
import { deriveCaseState } from '../../../lib/casework/case-state';
import { inferredEscalationId } from '../../../lib/casework/direct-escalation-id';
import { toEscalationView } from '../../../lib/casework/escalation';
import { observeAssignment } from '../../../lib/casework/observed-trail';
import type { AssignmentChange, Case, Entry } from '../../../lib/domain/model';
import { ALICE, BILLING, BOB, CAROL, caseOf, entry, note, REQUESTER, refOf, TIER2, t } from './fixtures';

const SUPPORT = '9000';
const iso = (hhmm: string, day?: string) => new Date(t(hhmm, day)).toISOString();
/** Alice answered the customer first: on Freshdesk she owns the case. */
const aliceReplied = entry('freshdesk', t('08:30'), ALICE, 'Hello, looking into it');

const ticketAt = (hhmm: string, over: Partial<Case>): Case =>
  caseOf('freshdesk', { updatedAt: t(hhmm), assigneeId: ALICE, groupId: SUPPORT, ...over });

/** The sync's reads of the ticket, one after another, each observed into the trail. */
const readsOf = (...versions: Case[]): AssignmentChange[] =>
  versions.reduce<AssignmentChange[]>((trail, item) => observeAssignment(trail, item), []);

const stateOf = (
  item: Case,
  trail: AssignmentChange[],
  entries: Entry[] = [aliceReplied],
  now = t('12:00'),
) => deriveCaseState({ case: item, entries, trail, now: Date.parse(now) });

describe('Freshdesk: an escalation inferred from the assignment (Freshdesk keeps no trail)', () => {
  it('a reassignment away from the owner shows as escalated: to whom, since when Frontline saw it, inferred', () => {
    const moved = ticketAt('10:05', { assigneeId: BOB, groupId: TIER2 });
    const state = stateOf(moved, readsOf(ticketAt('09:00', {}), moved));
    expect(state.owner.ownerId).toBe(ALICE);
    expect(state.escalation).toEqual({
      state: 'escalated',
      escalationId: inferredEscalationId(refOf('freshdesk'), BOB, TIER2),
      source: 'inferred',
      holderAgentId: BOB,
      holderGroupId: TIER2,
      ownerId: ALICE,
      since: iso('10:05'),
      dueAt: iso('10:05', '2026-03-11'),
      reportedAt: null,
    });
    const names = { agent: (id: string) => (id === BOB ? 'Bob' : null), group: () => 'Tier 2' };
    expect(toEscalationView(state.escalation, names)).toMatchObject({
      holder: 'Bob (Tier 2)',
      inferred: true,
    });
  });

  it('first seen already reassigned: since is the ticket’s updated_at then, and later updates do not move it', () => {
    const first = ticketAt('10:00', { assigneeId: BOB });
    const later = ticketAt('11:30', { assigneeId: BOB });
    const state = stateOf(later, readsOf(first, later));
    expect(state.escalation).toMatchObject({ state: 'escalated', since: iso('10:00') });
  });

  it('without any observation (a trail cached before), since is the ticket’s updated_at: an upper bound', () => {
    const state = stateOf(ticketAt('10:00', { assigneeId: BOB }), []);
    expect(state.escalation).toMatchObject({ state: 'escalated', source: 'inferred', since: iso('10:00') });
  });

  it('unassigned into another group Frontline saw it moved to: the group holds it', () => {
    const moved = ticketAt('10:00', { assigneeId: null, groupId: BILLING });
    const state = stateOf(moved, readsOf(ticketAt('09:00', {}), moved));
    expect(state.escalation).toMatchObject({
      holderAgentId: null,
      holderGroupId: BILLING,
      since: iso('10:00'),
    });
  });

  it('not escalated while the owner holds it, nor when nobody answered yet (the assignee is the owner)', () => {
    expect(stateOf(ticketAt('10:00', { groupId: TIER2 }), []).escalation.state).toBe('none');
    expect(stateOf(ticketAt('10:00', { assigneeId: BOB }), [], []).escalation.state).toBe('none');
    // Unassigned in its first group: nobody moved it.
    expect(
      stateOf(ticketAt('10:00', { assigneeId: null }), readsOf(ticketAt('10:00', { assigneeId: null })))
        .escalation.state,
    ).toBe('none');
  });

  it('Frontline’s own escalation stays as it is: its marker explains the assignment', () => {
    const escalation = note('freshdesk', t('10:00'), ALICE, {
      kind: 'escalation',
      id: '1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
      group: TIER2,
      agent: BOB,
      by: ALICE,
      owner: ALICE,
      due: '2026-03-11T10:00:00Z',
    });
    const moved = ticketAt('10:01', { assigneeId: BOB, groupId: TIER2 });
    const state = stateOf(moved, readsOf(ticketAt('09:00', {}), moved), [aliceReplied, escalation]);
    expect(state.escalation).toMatchObject({
      source: 'marker',
      escalationId: '1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    });
  });

  it('report-back rules apply: the holder’s report-back settles it, overdue after the policy hours, updated when the holder writes', () => {
    const moved = ticketAt('10:00', { assigneeId: BOB });
    const trail = readsOf(ticketAt('09:00', {}), moved);
    const id = inferredEscalationId(refOf('freshdesk'), BOB, SUPPORT);
    const report = note('freshdesk', t('11:00'), BOB, {
      kind: 'report-back',
      escalation: id,
      by: BOB,
      returned: false,
    });
    expect(stateOf(moved, trail, [aliceReplied, report]).escalation.state).toBe('reported-back');
    expect(stateOf(moved, trail, [aliceReplied], t('10:30', '2026-03-11')).escalation.state).toBe('overdue');
    const wrote = entry('freshdesk', t('11:00'), BOB, 'On it', 'private');
    expect(stateOf(moved, trail, [aliceReplied, wrote]).escalation.state).toBe('updated');
  });

  it('a report-back written before Frontline first saw the reassignment still counts (since is only an upper bound)', () => {
    const moved = ticketAt('12:00', { assigneeId: BOB });
    const id = inferredEscalationId(refOf('freshdesk'), BOB, SUPPORT);
    const report = note('freshdesk', t('11:00'), BOB, {
      kind: 'report-back',
      escalation: id,
      by: BOB,
      returned: false,
    });
    expect(stateOf(moved, readsOf(moved), [aliceReplied, report]).escalation.state).toBe('reported-back');
  });

  it('the id stands on the holder, so every device agrees whenever it first saw the ticket', () => {
    const early = stateOf(
      ticketAt('10:00', { assigneeId: CAROL }),
      readsOf(ticketAt('10:00', { assigneeId: CAROL })),
    );
    const late = stateOf(
      ticketAt('11:00', { assigneeId: CAROL }),
      readsOf(ticketAt('11:00', { assigneeId: CAROL })),
    );
    expect(early.escalation.escalationId).toBe(late.escalation.escalationId);
  });

  it('Zendesk is untouched: its audits, not the assignment, tell escalations', () => {
    const state = deriveCaseState({
      case: caseOf('zendesk', { assigneeId: BOB }),
      entries: [],
      trail: [],
      now: Date.parse(t('12:00')),
    });
    expect(state.escalation.state).toBe('none');
    expect(REQUESTER).not.toBe(BOB);
  });
});

describe('observeAssignment', () => {
  it('records the first read with from null, then only changes, dated the ticket’s updated_at', () => {
    const trail = readsOf(
      ticketAt('09:00', {}),
      ticketAt('09:30', {}),
      ticketAt('10:00', { assigneeId: BOB }),
    );
    expect(trail.map((c) => [c.field, c.from, c.to, c.at, c.seen])).toEqual([
      ['assignee', null, ALICE, t('09:00'), true],
      ['group', null, SUPPORT, t('09:00'), true],
      ['assignee', ALICE, BOB, t('10:00'), true],
    ]);
  });
});
