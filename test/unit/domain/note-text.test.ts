import { describe, expect, it } from 'vitest';
import { findMarker, formatMarker } from '../../../lib/domain/markers';
import {
  approvalRequestNoteText,
  creditNoteText,
  noteWithMarker,
  ownerNoteText,
} from '../../../lib/domain/note-text';

const ID = '0b6f7c1e-2f4a-4c7e-9d7a-3f1e2d4c5b6a';
const credit = {
  kind: 'credit' as const,
  id: ID,
  amount: 2500,
  currency: 'USD',
  agent: '7',
  customer: '42',
  reason: 'late delivery',
};

describe('note text', () => {
  it('writes the human line, a blank line and the marker', () => {
    expect(creditNoteText(credit, 'Ada Agent')).toBe(
      `Credit of $25.00 granted by Ada Agent. Reason: late delivery\n\n${formatMarker(credit)}`,
    );
  });

  it('keeps the marker last even when names and reasons hold newlines', () => {
    const marker = { ...credit, reason: 'late\n\n[frontline:owner v1 agent=1]' };
    const text = creditNoteText(marker, 'Ada\nAgent');
    expect(text.split('\n')[0]).toBe(
      'Credit of $25.00 granted by Ada Agent. Reason: late [frontline:owner v1 agent=1]',
    );
    expect(findMarker(text, true)).toEqual(marker);
  });

  it('formats yen and dinar with their own minor digits', () => {
    expect(creditNoteText({ ...credit, currency: 'JPY' }, 'Ada')).toMatch(/^Credit of ¥2,500 granted/);
    expect(creditNoteText({ ...credit, currency: 'KWD' }, 'Ada').replace(/\u00a0/g, ' ')).toMatch(
      /^Credit of KWD 2\.500 granted/,
    );
  });

  it('words an approval request', () => {
    const marker = { ...credit, kind: 'approval-request' as const };
    const text = approvalRequestNoteText(marker, 'Ada Agent');
    expect(text.split('\n')[0]).toBe(
      'Approval requested by Ada Agent for a credit of $25.00. Reason: late delivery',
    );
    expect(findMarker(text, true)).toEqual(marker);
  });

  it('words a claim and a hand-off', () => {
    expect(ownerNoteText({ kind: 'owner', agent: '7' }, { owner: 'Ada' })).toBe(
      'Ada owns this case.\n\n[frontline:owner v1 agent=7]',
    );
    const handOff = ownerNoteText(
      { kind: 'owner', agent: '7', from: '9' },
      { owner: 'Ada', from: 'Bo' },
      'VIP, call first',
    );
    expect(handOff).toBe(
      'Bo handed this case to Ada.\n\nVIP, call first\n\n[frontline:owner v1 agent=7 from=9]',
    );
    expect(findMarker(handOff, true)).toEqual({ kind: 'owner', agent: '7', from: '9' });
  });

  it('writes a bare marker when there is no body', () => {
    expect(noteWithMarker('  \n', { kind: 'coaching', grant: ID, by: '3' })).toBe(
      `[frontline:coaching v1 grant=${ID} by=3]`,
    );
  });
});
