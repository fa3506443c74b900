import { describe, expect, it } from 'vitest';
import { filterRows, nextSort, sortRows } from '@/lib/domain/review/table';
import { row } from '../../review/row';

describe('sortRows', () => {
  const rows = [
    row({ grantId: 'a', ticketId: '9', amount: 300, agentName: 'Cy' }),
    row({ grantId: 'b', ticketId: '18446744073709551615', amount: 100, agentName: 'Ada' }),
    row({ grantId: 'c', ticketId: '18446744073709551614', amount: 200, agentName: 'Ben' }),
  ];

  it('sorts ticket ids past 2^53 exactly', () => {
    expect(sortRows(rows, { key: 'ticketId', descending: false }).map((r) => r.grantId)).toEqual([
      'a',
      'c',
      'b',
    ]);
  });

  it('sorts amounts descending and names ascending', () => {
    expect(sortRows(rows, { key: 'amount', descending: true }).map((r) => r.grantId)).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(sortRows(rows, { key: 'agentName', descending: false }).map((r) => r.grantId)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('flips the same column and starts money and time descending', () => {
    expect(nextSort({ key: 'amount', descending: true }, 'amount')).toEqual({
      key: 'amount',
      descending: false,
    });
    expect(nextSort({ key: 'amount', descending: true }, 'reason')).toEqual({
      key: 'reason',
      descending: false,
    });
    expect(nextSort({ key: 'reason', descending: false }, 'at')).toEqual({ key: 'at', descending: true });
  });
});

describe('filterRows', () => {
  it('keeps rows holding every word, in any column', () => {
    const rows = [
      row({ agentName: 'Ada', reason: 'Late delivery' }),
      row({ agentName: 'Ben', reason: 'Goodwill' }),
    ];
    expect(filterRows(rows, 'ada LATE')).toHaveLength(1);
    expect(filterRows(rows, '  ')).toHaveLength(2);
    expect(filterRows(rows, 'ben late')).toHaveLength(0);
  });
});
