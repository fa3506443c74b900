import { describe, expect, it } from 'vitest';
import { deriveOwner } from '../../../lib/casework/owner';
import { ALICE, BOB, CAROL, caseOf, change, entry, note, REQUESTER, t } from './fixtures';

describe('deriveOwner on Zendesk', () => {
  it('is the first agent the audits show assigned', () => {
    const result = deriveOwner({
      case: caseOf('zendesk', { assigneeId: BOB }),
      entries: [],
      trail: [change(t('09:30'), 'assignee', ALICE, BOB), change(t('09:00'), 'assignee', null, ALICE)],
      requesterId: REQUESTER,
    });
    expect(result).toEqual({ ownerId: ALICE, source: 'derived' });
  });

  it('skips changes that unassign and group moves', () => {
    const result = deriveOwner({
      case: caseOf('zendesk'),
      entries: [],
      trail: [
        change(t('08:10'), 'group', null, '9001'),
        change(t('08:20'), 'assignee', null, null),
        change(t('08:30'), 'assignee', null, CAROL),
      ],
      requesterId: REQUESTER,
    });
    expect(result).toEqual({ ownerId: CAROL, source: 'derived' });
  });

  it('falls back to the current assignee without a trail', () => {
    expect(
      deriveOwner({
        case: caseOf('zendesk', { assigneeId: BOB }),
        entries: [],
        trail: [],
        requesterId: REQUESTER,
      }),
    ).toEqual({
      ownerId: BOB,
      source: 'derived',
    });
  });

  it('ignores public replies on Zendesk', () => {
    const result = deriveOwner({
      case: caseOf('zendesk'),
      entries: [entry('zendesk', t('09:00'), BOB, 'Hello')],
      trail: [],
      requesterId: REQUESTER,
    });
    expect(result).toEqual({ ownerId: null, source: 'none' });
  });
});

describe('deriveOwner on Freshdesk', () => {
  it('is the first agent who replied publicly', () => {
    const result = deriveOwner({
      case: caseOf('freshdesk', { assigneeId: CAROL }),
      entries: [
        entry('freshdesk', t('10:00'), BOB, 'Second reply'),
        entry('freshdesk', t('08:30'), REQUESTER, 'Where is my parcel?', 'customer'),
        entry('freshdesk', t('08:40'), CAROL, 'internal', 'private'),
        entry('freshdesk', t('09:00'), ALICE, 'First reply'),
      ],
      trail: [],
      requesterId: REQUESTER,
    });
    expect(result).toEqual({ ownerId: ALICE, source: 'derived' });
  });

  it('does not count the requester, even when flagged as an agent reply', () => {
    const result = deriveOwner({
      case: caseOf('freshdesk'),
      entries: [
        entry('freshdesk', t('08:30'), REQUESTER, 'Forwarded'),
        entry('freshdesk', t('09:30'), BOB, 'Hi'),
      ],
      trail: [],
      requesterId: REQUESTER,
    });
    expect(result).toEqual({ ownerId: BOB, source: 'derived' });
  });

  it('falls back to the assignee, then to none', () => {
    expect(
      deriveOwner({
        case: caseOf('freshdesk', { assigneeId: CAROL }),
        entries: [],
        trail: [],
        requesterId: REQUESTER,
      }),
    ).toEqual({
      ownerId: CAROL,
      source: 'derived',
    });
    expect(
      deriveOwner({ case: caseOf('freshdesk'), entries: [], trail: [], requesterId: REQUESTER }),
    ).toEqual({
      ownerId: null,
      source: 'none',
    });
  });
});

describe('a recorded ownership marker wins', () => {
  it.each(['zendesk', 'freshdesk'] as const)('on %s, the latest marker, a hand-off included', (helpdesk) => {
    const result = deriveOwner({
      case: caseOf(helpdesk, { assigneeId: ALICE }),
      entries: [
        entry(helpdesk, t('09:00'), ALICE, 'First reply'),
        note(helpdesk, t('09:10'), BOB, { kind: 'owner', agent: BOB }),
        note(helpdesk, t('11:00'), BOB, { kind: 'owner', agent: CAROL, from: BOB }),
        note(helpdesk, t('10:00'), ALICE, { kind: 'owner', agent: ALICE }),
      ],
      trail: [change(t('08:30'), 'assignee', null, ALICE)],
      requesterId: REQUESTER,
    });
    expect(result).toEqual({ ownerId: CAROL, source: 'marker' });
  });

  it('not when it sits in a public reply or is not the last line', () => {
    const marker = '[frontline:owner v1 agent=22]';
    const result = deriveOwner({
      case: caseOf('freshdesk'),
      entries: [
        entry('freshdesk', t('09:00'), ALICE, `Hi\n\n${marker}`),
        entry('freshdesk', t('09:10'), BOB, `${marker}\nand more`, 'private'),
        entry('freshdesk', t('09:20'), REQUESTER, marker, 'customer'),
      ],
      trail: [],
      requesterId: REQUESTER,
    });
    expect(result).toEqual({ ownerId: ALICE, source: 'derived' });
  });
});
