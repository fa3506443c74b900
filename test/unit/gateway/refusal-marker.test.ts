import { describe, expect, it } from 'vitest';
import { judgeMarker } from '../../../lib/domain/marker-trust';
import { findMarker, formatMarker, parseMarker } from '../../../lib/domain/markers';
import { creditRefusedNoteText } from '../../../lib/domain/note-text';

const MARKER = {
  kind: 'credit-refused' as const,
  grant: '00000000-0000-4000-8000-000000000001',
  agent: '100',
  code: 'over-period',
};

describe('the credit-refused marker', () => {
  it('round-trips, strictly', () => {
    const line = formatMarker(MARKER);
    expect(line).toBe(
      '[frontline:credit-refused v1 grant=00000000-0000-4000-8000-000000000001 agent=100 code=over-period]',
    );
    expect(parseMarker(line)).toEqual(MARKER);
    expect(parseMarker(line.replace('code=over-period', 'code=Over'))).toBeNull();
    expect(parseMarker(line.replace(' code=over-period', ''))).toBeNull();
  });

  it('ends the refusal note, after the gateway’s words on one line', () => {
    const text = creditRefusedNoteText(MARKER, 'Over your\nweekly limit.');
    expect(text).toMatch(
      /^The credit gateway refused this credit \(over-period\): Over your weekly limit\.\n\n/,
    );
    expect(findMarker(text, true)).toEqual(MARKER);
  });

  it('counts only from the agent it names, in a private note', () => {
    const entry = {
      public: false,
      fromCustomer: false,
      text: formatMarker(MARKER),
      authorId: '100',
      authorIsAgent: true,
      authorConfirmed: true,
    };
    expect(judgeMarker(entry, { requesterId: '5' })).toMatchObject({ counts: true });
    expect(judgeMarker({ ...entry, authorId: '101' }, { requesterId: '5' })).toMatchObject({
      counts: false,
      why: 'author-not-named',
    });
    expect(judgeMarker({ ...entry, fromCustomer: true }, { requesterId: '5' })).toMatchObject({
      counts: false,
    });
  });
});
