import { describe, expect, it } from 'vitest';
import { buildCaseworkView, type CaseworkInput, shorten } from '../../../lib/casework/casework-view';
import { directEscalationId } from '../../../lib/casework/direct-escalation-id';
import { markersIn } from '../../../lib/casework/markers-in-entries';
import { CaseworkView, type PendingOp } from '../../../lib/domain/casework';
import { formatMarker } from '../../../lib/domain/markers';
import type { Agent, Case, Group } from '../../../lib/domain/model';
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

const ESC = '3f0c7c2e-8a4b-4d2a-9a51-1f2e3d4c5b6a';
const OP = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const NOW = Date.parse(t('13:00'));

const agent = (id: string, name: string): Agent => ({
  helpdesk: 'zendesk',
  account: 'acme.zendesk.com',
  id,
  name,
  email: null,
});
const group = (id: string, name: string): Group => ({
  helpdesk: 'zendesk',
  account: 'acme.zendesk.com',
  id,
  name,
});
const AGENTS = [agent(ALICE, 'Alice Agent'), agent(BOB, 'Bob Backline'), agent(CAROL, 'Carol Cover')];
const GROUPS = [group('9000', 'Support'), group(TIER2, 'Tier 2'), group(BILLING, 'Billing escalations')];
const me = (id: string) => AGENTS.find((a) => a.id === id) ?? null;

const input = (over: Partial<CaseworkInput> = {}): CaseworkInput => ({
  case: caseOf('zendesk', { assigneeId: ALICE }),
  entries: [],
  trail: [],
  agents: AGENTS,
  groups: GROUPS,
  history: [],
  me: me(ALICE),
  myGroupIds: [],
  now: NOW,
  dueHours: 24,
  pending: [],
  ...over,
});

const claimed = (by: string) => note('zendesk', t('09:00'), by, { kind: 'owner', agent: by });
const escalated = (to: { group?: string; agent?: string }, due = t('14:00')) =>
  note('zendesk', t('10:00'), ALICE, { kind: 'escalation', id: ESC, ...to, by: ALICE, owner: ALICE, due });
const pending = (kind: PendingOp['kind'], state: PendingOp['state'] = 'sending'): PendingOp => ({
  opId: OP,
  kind,
  state,
  error: state === 'failed' ? 'The helpdesk refused it (403)' : null,
  at: NOW - 1000,
});

describe('buildCaseworkView: ownership', () => {
  it.each([
    ['nobody has claimed: I may claim and hand off', [], ALICE, true, true, true],
    ['I claimed: no second claim, I may hand off', [claimed(ALICE)], ALICE, true, false, true],
    ['someone else claimed: I may claim it over, not hand it off', [claimed(BOB)], ALICE, false, true, false],
    ['signed out: nothing', [], null, false, false, false],
  ])('%s', (_name, entries, meId, isOwner, canClaim, canHandOff) => {
    const view = buildCaseworkView(input({ entries, me: meId === null ? null : me(meId) }));
    expect(CaseworkView.parse(view)).toEqual(view);
    expect({ isOwner: view.isOwner, canClaim: view.canClaim, canHandOff: view.canHandOff }).toEqual({
      isOwner,
      canClaim,
      canHandOff,
    });
  });

  it('a derived owner (first assigned) is me, and a claim still records it', () => {
    const view = buildCaseworkView(input({ trail: [change(t('08:05'), 'assignee', null, ALICE)] }));
    expect(view.ownerId).toBe(ALICE);
    expect(view.isOwner).toBe(true);
    expect(view.canClaim).toBe(true);
  });

  it('hand-off targets are everyone but me and the owner, by name', () => {
    const view = buildCaseworkView(input({ entries: [claimed(ALICE)] }));
    expect(view.handoffTargets.map((a) => a.name)).toEqual(['Bob Backline', 'Carol Cover']);
  });

  it('a claim in flight hides the claim button', () => {
    expect(buildCaseworkView(input({ pending: [pending('claim')] })).canClaim).toBe(false);
    expect(buildCaseworkView(input({ pending: [pending('claim', 'failed')] })).canClaim).toBe(true);
  });
});

describe('buildCaseworkView: escalation targets and summary', () => {
  it('lists escalation tiers first, then the other groups, each by name; agents but me', () => {
    const view = buildCaseworkView(input());
    expect(view.escalationGroups).toEqual([
      { id: BILLING, name: 'Billing escalations', tier: true },
      { id: TIER2, name: 'Tier 2', tier: true },
      { id: '9000', name: 'Support', tier: false },
    ]);
    expect(view.escalationAgents.map((a) => a.id)).toEqual([BOB, CAROL]);
  });

  it('a policy list of tier groups beats the names', () => {
    const view = buildCaseworkView(input({ tierGroupIds: ['9000'] }));
    expect(view.escalationGroups.filter((g) => g.tier).map((g) => g.name)).toEqual(['Support']);
  });

  it('prefills what the customer wants, what was tried and the credits granted', () => {
    const long = `My parcel is late ${'and still not here '.repeat(30)}`;
    const entries = [
      entry('zendesk', t('08:00'), REQUESTER, long, 'customer'),
      entry('zendesk', t('08:30'), ALICE, 'Checked the carrier:\nstuck in the depot.', 'public'),
      entry('zendesk', t('08:40'), ALICE, 'Carrier hotline says Monday', 'private'),
      note(
        'zendesk',
        t('08:50'),
        ALICE,
        {
          kind: 'credit',
          id: ESC,
          amount: 2500,
          currency: 'USD',
          agent: ALICE,
          customer: REQUESTER,
          reason: 'late delivery',
        },
        'Credit of $25.00 granted by Alice Agent.',
      ),
      claimed(ALICE),
    ];
    const { summary } = buildCaseworkView(input({ entries }));
    expect(summary.wants.length).toBeLessThanOrEqual(300);
    expect(summary.wants.startsWith('My parcel is late and still')).toBe(true);
    expect(summary.wants.endsWith('…')).toBe(true);
    expect(summary.tried).toEqual([
      {
        author: 'Alice Agent',
        kind: 'reply',
        text: 'Checked the carrier: stuck in the depot.',
        at: t('08:30'),
      },
      { author: 'Alice Agent', kind: 'note', text: 'Carrier hotline says Monday', at: t('08:40') },
    ]);
    expect(summary.credits).toEqual([
      { amount: 2500, currency: 'USD', agentName: 'Alice Agent', reason: 'late delivery' },
    ]);
  });

  it('falls back to the subject when the customer wrote nothing, and keeps the last five tries', () => {
    const entries = Array.from({ length: 7 }, (_, i) =>
      entry('zendesk', t(`09:0${i}`), BOB, `try ${i}`, 'private'),
    );
    const { summary } = buildCaseworkView(input({ entries }));
    expect(summary.wants).toBe('Parcel late');
    expect(summary.tried.map((l) => l.text)).toEqual(['try 2', 'try 3', 'try 4', 'try 5', 'try 6']);
  });

  it('shortens on a word boundary', () => {
    expect(shorten('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(shorten('  short\n text ', 40)).toBe('short text');
  });
});

describe('buildCaseworkView: the holder’s obligation', () => {
  const holderCase = (assigneeId: string | null, groupId: string | null) =>
    caseOf('zendesk', { assigneeId, groupId });

  it.each([
    ['escalated to me by name', { agent: BOB }, holderCase(BOB, null), [], true],
    ['escalated to my group', { group: TIER2 }, holderCase(null, TIER2), [TIER2], true],
    ['escalated to a group that gave me the ticket', { group: TIER2 }, holderCase(BOB, TIER2), [], true],
    ['escalated to a group I am not in', { group: BILLING }, holderCase(null, BILLING), [TIER2], false],
    ['escalated to someone else', { agent: CAROL }, holderCase(CAROL, null), [TIER2], false],
  ])('%s', (_name, to, item: Case, myGroupIds: string[], holds) => {
    const view = buildCaseworkView(
      input({ case: item, entries: [claimed(ALICE), escalated(to)], me: me(BOB), myGroupIds }),
    );
    expect(view.obligation).toEqual(
      holds
        ? {
            escalationId: ESC,
            ownerId: ALICE,
            ownerName: 'Alice Agent',
            dueAt: '2026-03-10T14:00:00.000Z',
            overdue: false,
          }
        : null,
    );
  });

  it('says overdue after the due time, and is gone once reported back', () => {
    const entries = [claimed(ALICE), escalated({ agent: BOB }, t('12:00'))];
    const item = holderCase(BOB, null);
    expect(buildCaseworkView(input({ case: item, entries, me: me(BOB) })).obligation?.overdue).toBe(true);
    const reported = note('zendesk', t('12:30'), BOB, {
      kind: 'report-back',
      escalation: ESC,
      by: BOB,
      returned: false,
    });
    const after = buildCaseworkView(input({ case: item, entries: [...entries, reported], me: me(BOB) }));
    expect(after.obligation).toBeNull();
  });

  it('the owner never holds their own escalation, and a report in flight hides the banner', () => {
    const entries = [claimed(ALICE), escalated({ group: TIER2 })];
    const item = holderCase(null, TIER2);
    expect(buildCaseworkView(input({ case: item, entries, myGroupIds: [TIER2] })).obligation).toBeNull();
    const bob = input({
      case: item,
      entries,
      me: me(BOB),
      myGroupIds: [TIER2],
      pending: [pending('report-back')],
    });
    expect(buildCaseworkView(bob).obligation).toBeNull();
  });

  it('an escalation made directly in the helpdesk has a stable id to report back on', () => {
    const trail = [change(t('08:05'), 'assignee', null, ALICE), change(t('10:00'), 'assignee', ALICE, BOB)];
    const view = buildCaseworkView(input({ case: holderCase(BOB, null), trail, me: me(BOB) }));
    expect(view.obligation?.escalationId).toBe(directEscalationId(refOf('zendesk'), t('10:00')));
    expect(view.obligation?.ownerName).toBe('Alice Agent');
  });
});

describe('buildCaseworkView: customer-level continuity', () => {
  const other = (id: string, over: Partial<Case> = {}): Case =>
    caseOf('zendesk', { ref: { ...refOf('zendesk'), id }, subject: `Case ${id}`, ...over });

  it('offers the owner of the customer’s other open case, a recorded owner first', () => {
    const marked = other('123', { assigneeId: BOB, updatedAt: t('09:00') });
    const markedEntries = [{ ...claimed(CAROL), ticket: marked.ref }];
    const view = buildCaseworkView(
      input({
        case: caseOf('zendesk', { assigneeId: null }),
        history: [
          { case: other('124', { assigneeId: BOB, updatedAt: t('12:00') }), entries: null },
          { case: marked, entries: markedEntries },
        ],
      }),
    );
    expect(view.continuity).toEqual({
      ownerId: CAROL,
      ownerName: 'Carol Cover',
      ticketId: '123',
      subject: 'Case 123',
      mine: false,
    });
  });

  it.each([
    ['only closed cases', [other('123', { assigneeId: BOB, status: 'closed' })], caseOf('zendesk'), null],
    [
      'this ticket is already with that owner',
      [other('123', { assigneeId: BOB })],
      caseOf('zendesk', { assigneeId: BOB }),
      null,
    ],
    ['the other case has nobody', [other('123', { assigneeId: null })], caseOf('zendesk'), null],
    ['the newest open case, mine', [other('123', { assigneeId: ALICE })], caseOf('zendesk'), ALICE],
  ])('%s', (_name, cases, item, ownerId) => {
    const view = buildCaseworkView(
      input({ case: item, history: cases.map((c) => ({ case: c, entries: null })) }),
    );
    expect(view.continuity?.ownerId ?? null).toBe(ownerId);
    if (ownerId === ALICE) expect(view.continuity?.mine).toBe(true);
  });

  it('nothing to offer once this ticket’s ownership is recorded', () => {
    const view = buildCaseworkView(
      input({
        entries: [claimed(BOB)],
        history: [{ case: other('123', { assigneeId: CAROL }), entries: null }],
      }),
    );
    expect(view.continuity).toBeNull();
  });
});

describe('buildCaseworkView: pending writes', () => {
  it('lists them newest first, as the contract says', () => {
    const older = { ...pending('claim', 'failed'), at: NOW - 5000 };
    const newer = { ...pending('escalate', 'retrying'), opId: ESC, error: 'The helpdesk is busy' };
    const view = buildCaseworkView(input({ pending: [older, newer] }));
    expect(view.pending.map((p) => p.kind)).toEqual(['escalate', 'claim']);
    expect(view.canEscalate).toBe(false);
    expect(CaseworkView.safeParse(view).success).toBe(true);
  });
});

describe('markers glued to the line before (a helpdesk that drops <br> in plain text)', () => {
  it('still count, for ownership, the obligation and the re-send check', () => {
    const glued = (at: string, by: string, body: string, marker: Parameters<typeof formatMarker>[0]) =>
      entry('zendesk', at, by, `${body}${formatMarker(marker)}`, 'private');
    const entries = [
      glued(t('09:00'), ALICE, 'Alice Agent owns this case.', { kind: 'owner', agent: ALICE }),
      glued(t('10:00'), ALICE, 'Look', {
        kind: 'escalation',
        id: ESC,
        agent: BOB,
        by: ALICE,
        owner: ALICE,
        due: t('14:00'),
      }),
      entry('zendesk', t('10:30'), BOB, `**${formatMarker({ kind: 'owner', agent: BOB })}**`, 'private'),
    ];
    expect(markersIn(entries, null).map((m) => m.marker.kind)).toEqual(['owner', 'escalation']);
    const view = buildCaseworkView(
      input({ case: caseOf('zendesk', { assigneeId: BOB }), entries, me: me(BOB) }),
    );
    expect(view.ownerId).toBe(ALICE);
    expect(view.obligation?.escalationId).toBe(ESC);
  });
});
