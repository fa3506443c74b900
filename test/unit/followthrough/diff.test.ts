import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../../lib/domain/markers';
import { diffPin, offersUnpin } from '../../../lib/followthrough/diff';
import { entry, kase, NOW } from './fixtures';

const seen = {
  lastSeenUpdate: '2026-11-23T08:00:00.000Z',
  seenStatus: 'open',
  dueAt: null,
  overdueSeen: null,
};

describe('diffPin', () => {
  const marker = formatMarker({
    kind: 'report-back',
    escalation: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    by: '7',
    returned: false,
  });

  it('tells a customer reply, a report-back and a status change apart', () => {
    const entries = [
      entry({ id: '1', fromCustomer: true, authorId: '9', createdAt: '2026-11-23T07:00:00.000Z' }),
      entry({ id: '2', fromCustomer: true, authorId: '9' }),
      entry({
        id: '3',
        public: false,
        authorId: '7',
        text: `Done\n${marker}`,
        authorIsAgent: true,
        authorConfirmed: true,
      }),
    ];
    expect(diffPin(seen, kase({ rawStatus: 'pending', status: 'pending' }), entries, NOW)).toEqual([
      'customer-replied',
      'reported-back',
      'status-changed',
    ]);
  });

  it('ignores what the rep had already seen, agents’ replies and a marker a customer pasted', () => {
    const entries = [
      entry({ id: '1', fromCustomer: true, authorId: '9', createdAt: '2026-11-23T07:00:00.000Z' }),
      entry({ id: '2' }),
      entry({
        id: '3',
        public: true,
        fromCustomer: true,
        authorId: '9',
        text: marker,
        createdAt: '2026-11-23T07:30:00.000Z',
      }),
      entry({ id: '4', public: false, text: 'internal' }),
    ];
    expect(diffPin(seen, kase(), entries, NOW)).toEqual([]);
    expect(diffPin(seen, kase(), undefined, NOW)).toEqual([]);
  });

  it('is overdue once the follow-up date passes on an open case, until seen', () => {
    const due = { ...seen, dueAt: NOW - 1 };
    expect(diffPin(due, kase(), undefined, NOW)).toEqual(['overdue']);
    expect(diffPin({ ...due, overdueSeen: NOW - 1 }, kase(), undefined, NOW)).toEqual([]);
    expect(diffPin(due, kase({ status: 'solved', rawStatus: 'open' }), undefined, NOW)).toEqual([]);
    expect(diffPin({ ...seen, dueAt: NOW + 1 }, kase(), undefined, NOW)).toEqual([]);
  });

  it('offers unpinning 3 days after a case is solved or closed', () => {
    const day = 24 * 3600 * 1000;
    expect(offersUnpin({ status: 'solved', updatedAt: new Date(NOW - 3 * day - 1).toISOString() }, NOW)).toBe(
      true,
    );
    expect(offersUnpin({ status: 'closed', updatedAt: new Date(NOW - 2 * day).toISOString() }, NOW)).toBe(
      false,
    );
    expect(offersUnpin({ status: 'open', updatedAt: new Date(NOW - 30 * day).toISOString() }, NOW)).toBe(
      false,
    );
  });
});
