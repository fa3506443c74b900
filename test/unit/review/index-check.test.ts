import { describe, expect, it } from 'vitest';
import { encodeIndex, type IndexedGrant } from '@/lib/domain/grant-index';
import { checkIndex } from '@/lib/review/index-check';

const line = (over: Partial<IndexedGrant> = {}): IndexedGrant => ({
  id: '66666666-6666-4666-8666-000000000001',
  agentId: '10',
  customerId: '900',
  amount: 500,
  currency: 'USD',
  at: '2026-11-17T09:00:00Z',
  ...over,
});
const ticket = (ledger: string | null | undefined, tags: string[]) => ({
  requesterId: '900',
  tags,
  ...(ledger === undefined ? {} : { ledger }),
});

describe('checkIndex: whether a ticket’s team index can be taken without reading its notes (issue 17)', () => {
  it('takes lines whose agents’ tags are there, for the requester', () => {
    expect(checkIndex(ticket(encodeIndex([line()]), ['frontline_credit', 'fl_credit_10']))).toEqual({
      kind: 'indexed',
      grants: [line()],
    });
  });

  it('no field on the account: the notes path', () => {
    expect(checkIndex(ticket(undefined, ['frontline_credit']))).toEqual({ kind: 'no-field' });
  });

  it.each([
    ['an emptied field on a credit-tagged ticket', ticket(null, ['frontline_credit', 'fl_credit_10'])],
    [
      'an agent’s tag without their line',
      ticket(encodeIndex([line()]), ['frontline_credit', 'fl_credit_10', 'fl_credit_20']),
    ],
    [
      'a line without its agent’s tag (the rep removed it)',
      ticket(encodeIndex([line()]), ['frontline_credit']),
    ],
    [
      'a line for someone other than the requester',
      ticket(encodeIndex([line({ customerId: '901' })]), ['frontline_credit', 'fl_credit_10']),
    ],
    ['hostile text', ticket('g1 x 10 900 1e9 USD now\n<script>', ['frontline_credit'])],
  ])('reads the notes for %s', (_why, c) => {
    expect(checkIndex(c).kind).toBe('verify');
  });
});
