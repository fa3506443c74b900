import { describe, expect, it } from 'vitest';
import { directEscalationId } from '../../../lib/casework/direct-escalation-id';
import { deriveEscalation, type EscalationInput, toEscalationView } from '../../../lib/casework/escalation';
import type { HelpdeskKind } from '../../../lib/domain/ticket-ref';
import {
  ALICE,
  BILLING,
  BOB,
  CAROL,
  caseOf,
  change,
  entry,
  note,
  REQUESTER,
  refOf,
  TIER2,
  t,
} from './fixtures';

const E1 = '1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const E2 = '2a0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const at = (iso: string): number => Date.parse(iso);

const escalationNote = (helpdesk: HelpdeskKind, when = t('10:00'), over: object = {}) =>
  note(helpdesk, when, ALICE, {
    kind: 'escalation',
    id: E1,
    group: TIER2,
    agent: BOB,
    by: ALICE,
    owner: ALICE,
    due: '2026-03-11T10:00:00Z',
    ...over,
  });
const reportBack = (helpdesk: HelpdeskKind, when: string, returned: boolean, escalation = E1) =>
  note(
    helpdesk,
    when,
    BOB,
    { kind: 'report-back', escalation, by: BOB, returned },
    'Refund issued by billing.',
  );

const input = (helpdesk: HelpdeskKind, over: Partial<EscalationInput> = {}): EscalationInput => ({
  case: caseOf(helpdesk, { assigneeId: BOB, groupId: TIER2 }),
  trail: [],
  entries: [],
  ownerId: ALICE,
  now: at(t('11:30')),
  ...over,
});

describe.each(['zendesk', 'freshdesk'] as const)('escalation from markers on %s', (helpdesk) => {
  // With its owner: on Freshdesk a ticket held by another agent is an escalation inferred from the assignment.
  const withOwner = caseOf(helpdesk, { assigneeId: ALICE, groupId: TIER2 });

  it('none without an escalation', () => {
    expect(
      deriveEscalation(
        input(helpdesk, { case: withOwner, entries: [entry(helpdesk, t('09:00'), ALICE, 'Hi')] }),
      ),
    ).toMatchObject({
      state: 'none',
      holderAgentId: null,
      since: null,
    });
  });

  it('escalated: holder, since and due from the marker', () => {
    expect(deriveEscalation(input(helpdesk, { entries: [escalationNote(helpdesk)] }))).toEqual({
      state: 'escalated',
      escalationId: E1,
      source: 'marker',
      holderAgentId: BOB,
      holderGroupId: TIER2,
      ownerId: ALICE,
      since: '2026-03-10T10:00:00.000Z',
      dueAt: '2026-03-11T10:00:00.000Z',
      reportedAt: null,
    });
  });

  it('updated once the holder writes anything', () => {
    const entries = [
      escalationNote(helpdesk),
      entry(helpdesk, t('10:30'), BOB, 'Looking into it', 'private'),
    ];
    expect(deriveEscalation(input(helpdesk, { entries })).state).toBe('updated');
  });

  it('not updated by the customer or the owner', () => {
    const entries = [
      escalationNote(helpdesk),
      entry(helpdesk, t('10:30'), REQUESTER, 'Any news?', 'customer'),
      entry(helpdesk, t('10:40'), ALICE, 'Chasing'),
    ];
    expect(deriveEscalation(input(helpdesk, { entries })).state).toBe('escalated');
  });

  it('a group-only escalation is updated by anyone but the owner and escalator', () => {
    const groupOnly = escalationNote(helpdesk, t('10:00'), { agent: undefined });
    expect(
      deriveEscalation(input(helpdesk, { entries: [groupOnly, entry(helpdesk, t('10:20'), ALICE, 'x')] }))
        .state,
    ).toBe('escalated');
    expect(
      deriveEscalation(input(helpdesk, { entries: [groupOnly, entry(helpdesk, t('10:20'), CAROL, 'x')] }))
        .state,
    ).toBe('updated');
  });

  it('reported back', () => {
    const entries = [escalationNote(helpdesk), reportBack(helpdesk, t('11:00'), false)];
    expect(deriveEscalation(input(helpdesk, { entries }))).toMatchObject({
      state: 'reported-back',
      reportedAt: '2026-03-10T11:00:00.000Z',
    });
  });

  it('returned by a report-back that hands the case back', () => {
    const entries = [escalationNote(helpdesk), reportBack(helpdesk, t('11:00'), true)];
    expect(deriveEscalation(input(helpdesk, { entries }))).toMatchObject({
      state: 'returned',
      reportedAt: t('11:00').replace('Z', '.000Z'),
    });
  });

  it('overdue when the due time passed with no report-back, even if the holder wrote', () => {
    const entries = [escalationNote(helpdesk), entry(helpdesk, t('10:30'), BOB, 'On it')];
    expect(deriveEscalation(input(helpdesk, { entries, now: at('2026-03-11T10:00:01Z') })).state).toBe(
      'overdue',
    );
    expect(deriveEscalation(input(helpdesk, { entries, now: at('2026-03-11T10:00:00Z') })).state).toBe(
      'updated',
    );
  });

  it('a late report-back still settles an overdue escalation', () => {
    const entries = [escalationNote(helpdesk), reportBack(helpdesk, '2026-03-12T09:00:00Z', false)];
    expect(deriveEscalation(input(helpdesk, { entries, now: at('2026-03-13T00:00:00Z') })).state).toBe(
      'reported-back',
    );
  });

  it('a report-back for another escalation does not count', () => {
    const entries = [escalationNote(helpdesk), reportBack(helpdesk, t('11:00'), false, E2)];
    // The holder did write, so it shows as updated, but not as reported back.
    expect(deriveEscalation(input(helpdesk, { entries })).state).toBe('updated');
  });

  it('a second escalation supersedes the first, reported back or not', () => {
    const entries = [
      escalationNote(helpdesk),
      reportBack(helpdesk, t('11:00'), false),
      escalationNote(helpdesk, t('11:10'), { id: E2, group: BILLING, agent: CAROL }),
    ];
    expect(deriveEscalation(input(helpdesk, { entries, now: at(t('11:20')) }))).toMatchObject({
      state: 'escalated',
      escalationId: E2,
      holderAgentId: CAROL,
      holderGroupId: BILLING,
    });
  });

  it('a marker in a public reply is not an escalation', () => {
    const fake = entry(helpdesk, t('10:00'), REQUESTER, escalationNote(helpdesk).text, 'customer');
    expect(deriveEscalation(input(helpdesk, { case: withOwner, entries: [fake] })).state).toBe('none');
  });
});

describe('returned to the owner by reassignment', () => {
  it('Zendesk: the audits show the case assigned back to the owner', () => {
    const result = deriveEscalation(
      input('zendesk', {
        case: caseOf('zendesk', { assigneeId: ALICE }),
        entries: [escalationNote('zendesk')],
        trail: [change(t('10:00'), 'assignee', ALICE, BOB), change(t('12:00'), 'assignee', BOB, ALICE, BOB)],
        now: at(t('12:30')),
      }),
    );
    expect(result).toMatchObject({ state: 'returned', reportedAt: '2026-03-10T12:00:00.000Z' });
  });

  it('Freshdesk: no trail, but the owner is the assignee again', () => {
    const result = deriveEscalation(
      input('freshdesk', {
        case: caseOf('freshdesk', { assigneeId: ALICE }),
        entries: [escalationNote('freshdesk')],
      }),
    );
    expect(result).toMatchObject({ state: 'returned', reportedAt: null });
  });

  it('reassignment back beats an earlier report-back without return', () => {
    const result = deriveEscalation(
      input('zendesk', {
        entries: [escalationNote('zendesk'), reportBack('zendesk', t('11:00'), false)],
        trail: [change(t('11:05'), 'assignee', BOB, ALICE, BOB)],
      }),
    );
    expect(result).toMatchObject({ state: 'returned', reportedAt: '2026-03-10T11:00:00.000Z' });
  });
});

describe('escalated directly in Zendesk (no Frontline)', () => {
  const trail = [
    change(t('08:30'), 'assignee', null, ALICE),
    change(t('13:00'), 'assignee', ALICE, BOB, CAROL),
    change(t('13:00'), 'group', TIER2, BILLING, CAROL),
  ];

  it('counts as escalated, due after the policy hours', () => {
    const result = deriveEscalation(input('zendesk', { trail, now: at(t('14:00')) }));
    expect(result).toEqual({
      state: 'escalated',
      escalationId: directEscalationId(refOf('zendesk'), t('13:00')),
      source: 'helpdesk',
      holderAgentId: BOB,
      holderGroupId: BILLING,
      ownerId: ALICE,
      since: '2026-03-10T13:00:00.000Z',
      dueAt: '2026-03-11T13:00:00.000Z',
      reportedAt: null,
    });
  });

  it('uses the policy due hours', () => {
    const result = deriveEscalation(input('zendesk', { trail, now: at(t('17:01')), policyDueHours: 4 }));
    expect(result).toMatchObject({ state: 'overdue', dueAt: '2026-03-10T17:00:00.000Z' });
  });

  it('to a group with nobody assigned', () => {
    const toGroup = [
      change(t('08:30'), 'assignee', null, ALICE),
      change(t('13:00'), 'group', TIER2, BILLING),
      change(t('13:00'), 'assignee', ALICE, null),
    ];
    expect(deriveEscalation(input('zendesk', { trail: toGroup, now: at(t('14:00')) }))).toMatchObject({
      state: 'escalated',
      holderAgentId: null,
      holderGroupId: BILLING,
    });
  });

  it('the group is the case group when the trail never moved it', () => {
    const result = deriveEscalation(input('zendesk', { trail: trail.slice(0, 2), now: at(t('14:00')) }));
    expect(result).toMatchObject({ holderAgentId: BOB, holderGroupId: TIER2 });
  });

  it('updated, reported back with the derived id, and returned', () => {
    const id = directEscalationId(refOf('zendesk'), t('13:00'));
    const wrote = [entry('zendesk', t('13:30'), BOB, 'Checking')];
    expect(deriveEscalation(input('zendesk', { trail, entries: wrote, now: at(t('14:00')) })).state).toBe(
      'updated',
    );
    const reported = [...wrote, reportBack('zendesk', t('13:45'), false, id)];
    expect(deriveEscalation(input('zendesk', { trail, entries: reported, now: at(t('14:00')) })).state).toBe(
      'reported-back',
    );
    const back = [...trail, change(t('15:00'), 'assignee', BOB, ALICE, BOB)];
    expect(deriveEscalation(input('zendesk', { trail: back, now: at(t('16:00')) })).state).toBe('returned');
  });

  it('the reassignment Frontline makes with its own escalation note is not counted twice', () => {
    const result = deriveEscalation(
      input('zendesk', {
        entries: [escalationNote('zendesk')],
        trail: [
          change(t('08:30'), 'assignee', null, ALICE),
          change('2026-03-10T10:00:04Z', 'assignee', ALICE, BOB),
        ],
      }),
    );
    expect(result).toMatchObject({ state: 'escalated', source: 'marker', escalationId: E1 });
  });

  it('moves that never leave the owner, or without a known owner, are not escalations', () => {
    const groupOnly = [
      change(t('08:30'), 'assignee', null, ALICE),
      change(t('13:00'), 'group', TIER2, BILLING),
    ];
    expect(deriveEscalation(input('zendesk', { trail: groupOnly, now: at(t('14:00')) })).state).toBe('none');
    expect(deriveEscalation(input('zendesk', { trail, ownerId: null, now: at(t('14:00')) })).state).toBe(
      'none',
    );
    const firstAssignment = [change(t('08:30'), 'assignee', null, ALICE)];
    expect(deriveEscalation(input('zendesk', { trail: firstAssignment })).state).toBe('none');
  });
});

describe('directEscalationId', () => {
  it('is a stable UUID per ticket and time', () => {
    const a = directEscalationId(refOf('zendesk'), t('13:00'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(directEscalationId(refOf('zendesk'), '2026-03-10T13:00:00.000Z')).toBe(a);
    expect(directEscalationId(refOf('zendesk'), t('13:01'))).not.toBe(a);
    expect(directEscalationId(refOf('freshdesk'), t('13:00'))).not.toBe(a);
  });
});

describe('toEscalationView', () => {
  it('names the holder', () => {
    const status = deriveEscalation(input('zendesk', { entries: [escalationNote('zendesk')] }));
    const names = {
      agent: (id: string) => (id === BOB ? 'Bob' : null),
      group: (id: string) => (id === TIER2 ? 'Tier 2' : null),
    };
    expect(toEscalationView(status, names)).toEqual({
      state: 'escalated',
      holder: 'Bob (Tier 2)',
      since: '2026-03-10T10:00:00.000Z',
      dueAt: '2026-03-11T10:00:00.000Z',
      reportedAt: null,
    });
    expect(toEscalationView({ ...status, holderAgentId: null }, names).holder).toBe('Tier 2');
    expect(toEscalationView({ ...status, holderGroupId: null, holderAgentId: '77' }, names).holder).toBe(
      '77',
    );
  });
});
