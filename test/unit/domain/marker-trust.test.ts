import { describe, expect, it } from 'vitest';
import { judgeEntries, judgeMarker, type TrustFacts } from '../../../lib/domain/marker-trust';
import { formatMarker, type Marker } from '../../../lib/domain/markers';
import type { Entry } from '../../../lib/domain/model';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TICKET = { helpdesk: 'zendesk' as const, account: 'acme.zendesk.com', id: '12' };
const REP = '7';
const OTHER_AGENT = '8';
const APPROVER = '9';
const REQUESTER = '500';

const credit = (over: Partial<Extract<Marker, { kind: 'credit' }>> = {}): Marker => ({
  kind: 'credit',
  id: ID(1),
  amount: 2500,
  currency: 'USD',
  agent: REP,
  customer: REQUESTER,
  reason: 'Goodwill',
  ...over,
});

/** A note as an agent's browser writes it, verified by the helpdesk. */
const note = (marker: Marker, over: Partial<Entry> = {}): Entry => ({
  ticket: TICKET,
  id: '1',
  authorId: REP,
  public: false,
  fromCustomer: false,
  text: `Human words.\n\n${formatMarker(marker)}`,
  createdAt: '2026-03-10T12:00:00Z',
  authorIsAgent: true,
  authorConfirmed: true,
  ...over,
});

const FACTS: TrustFacts = {
  requesterId: REQUESTER,
  isApprover: (id) => id === APPROVER,
  requestAgent: (id) => (id === ID(2) ? REP : undefined),
};

const decision = (by: string): Marker => ({
  kind: 'approval-decision',
  request: ID(2),
  decision: 'approve',
  by,
  grant: ID(3),
});

describe('judgeMarker: a marker counts only when the helpdesk vouches for who wrote it', () => {
  const table: [string, Entry, { counts: boolean; why?: string }][] = [
    ['the rep’s own credit note', note(credit()), { counts: true }],
    [
      'a customer’s private note with a credit marker (an end user who is not the requester emailed in)',
      note(credit(), { authorId: '600', authorIsAgent: false }),
      { counts: false, why: 'author-not-agent' },
    ],
    [
      'the requester pasting a marker',
      note(credit(), { authorId: REQUESTER, fromCustomer: true, authorIsAgent: false }),
      { counts: false, why: 'author-not-agent' },
    ],
    [
      'a second agent’s hand-written marker naming another agent',
      note(credit(), { authorId: OTHER_AGENT }),
      { counts: false, why: 'author-not-named' },
    ],
    [
      'a credit whose customer is not the ticket’s requester',
      note(credit({ customer: '501' })),
      { counts: false, why: 'customer-not-requester' },
    ],
    [
      'a decision from an agent not on the approvers list',
      note(decision(OTHER_AGENT), { authorId: OTHER_AGENT }),
      { counts: false, why: 'not-approver' },
    ],
    [
      'a decision from an approver on another rep’s request',
      note(decision(APPROVER), { authorId: APPROVER }),
      { counts: true },
    ],
    [
      'an approver approving their own request',
      note(decision(APPROVER), { authorId: APPROVER }),
      { counts: false, why: 'self-approval' },
    ],
    [
      'on Zendesk, a comment whose audit names another author',
      note(credit(), { authorConfirmed: false }),
      { counts: false, why: 'author-unverified' },
    ],
    [
      'a hand-off written by someone other than the previous owner',
      note({ kind: 'owner', agent: OTHER_AGENT, from: REP }, { authorId: OTHER_AGENT }),
      { counts: false, why: 'author-not-named' },
    ],
    [
      'a routing to the customer’s owner by any agent',
      note({ kind: 'owner', agent: REP }, { authorId: OTHER_AGENT }),
      { counts: true },
    ],
  ];

  for (const [name, entry, expected] of table) {
    it(name, () => {
      const facts =
        name === 'an approver approving their own request'
          ? { ...FACTS, requestAgent: () => APPROVER }
          : FACTS;
      expect(judgeMarker(entry, facts)).toMatchObject(expected);
    });
  }

  it('a legacy cached entry without the new fields does not count (not verified)', () => {
    const { authorIsAgent: _a, authorConfirmed: _c, ...legacy } = note(credit());
    expect(judgeMarker(legacy, FACTS)).toMatchObject({ counts: false, why: 'author-unverified' });
  });

  it('a public reply carries no marker at all', () => {
    expect(judgeMarker(note(credit(), { public: true }), FACTS)).toBeNull();
  });

  it('without a policy no decision counts', () => {
    const { isApprover: _i, ...noPolicy } = FACTS;
    expect(judgeMarker(note(decision(APPROVER), { authorId: APPROVER }), noPolicy)).toMatchObject({
      counts: false,
      why: 'not-approver',
    });
  });
});

describe('judgeEntries', () => {
  const request: Marker = {
    kind: 'approval-request',
    id: ID(2),
    amount: 9000,
    currency: 'USD',
    agent: REP,
    customer: REQUESTER,
    reason: 'Goodwill',
  };

  it('checks a decision against the agent whose request it decides, even when the decision is older', () => {
    const judged = judgeEntries(
      [
        note(request, { createdAt: '2026-03-10T12:00:00Z' }),
        note(decision(APPROVER), { id: '2', authorId: APPROVER, createdAt: '2026-03-10T13:00:00Z' }),
      ],
      { requesterId: REQUESTER, isApprover: (id) => id === APPROVER || id === REP },
    );
    expect(judged.map((j) => j.judged.counts)).toEqual([true, true]);
  });

  it('a forged request gives its decision nobody to decide for', () => {
    const judged = judgeEntries(
      [
        note(request, { authorId: OTHER_AGENT }),
        note(decision(APPROVER), { id: '2', authorId: APPROVER, createdAt: '2026-03-10T13:00:00Z' }),
      ],
      { requesterId: REQUESTER, isApprover: (id) => id === APPROVER },
    );
    expect(judged.map((j) => j.judged.counts)).toEqual([false, false]);
  });
});
