import { describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/domain/model';
import { approvalRequestNoteText } from '@/lib/domain/note-text';
import { pendingRequests } from '@/lib/domain/review/approval-queue';
import { decisionNoteText } from '@/lib/review/decision-note';

const ticket = { helpdesk: 'zendesk' as const, account: 'acme.zendesk.com', id: '7' };
const REQ_A = '11111111-1111-4111-8111-111111111111';
const REQ_B = '22222222-2222-4222-8222-222222222222';
const GRANT = '33333333-3333-4333-8333-333333333333';

const note = (text: string, over: Partial<Entry> = {}): Entry => ({
  ticket,
  id: String(Math.floor(Math.random() * 1e9)),
  authorId: '10',
  public: false,
  fromCustomer: false,
  text,
  createdAt: '2026-11-20T10:00:00Z',
  authorIsAgent: true,
  authorConfirmed: true,
  ...over,
});
/** The ticket's requester is 99; agent 20 is the approver. */
const FACTS = { requesterId: '99', isApprover: (id: string) => id === '20' };

const request = (id: string) =>
  note(
    approvalRequestNoteText(
      {
        kind: 'approval-request',
        id,
        amount: 4000,
        currency: 'USD',
        agent: '10',
        customer: '99',
        reason: 'Broken',
      },
      'Ada Agent',
    ),
  );

describe('pendingRequests', () => {
  it('lists requests no decision answers, once each', () => {
    const decided = note(
      decisionNoteText(
        { kind: 'approval-decision', request: REQ_A, decision: 'approve', by: '20', grant: GRANT },
        { approver: 'Ben', amount: 4000, currency: 'USD' },
      ),
      { authorId: '20' },
    );
    const pending = pendingRequests([request(REQ_A), request(REQ_B), request(REQ_B), decided], FACTS);
    expect(pending.map((p) => [p.requestId, p.amount, p.agentId, p.customerId])).toEqual([
      [REQ_B, 4000, '10', '99'],
    ]);
  });

  it('ignores a request marker a customer wrote in public', () => {
    const forged = { ...request(REQ_A), public: true, fromCustomer: true };
    expect(pendingRequests([forged], FACTS)).toEqual([]);
  });

  it('a forged decision (not an approver, or the rep deciding their own request) leaves the request pending', () => {
    const decide = (by: string) =>
      note(
        decisionNoteText(
          { kind: 'approval-decision', request: REQ_A, decision: 'approve', by, grant: GRANT },
          { approver: 'X', amount: 4000, currency: 'USD' },
        ),
        { authorId: by },
      );
    const stillPending = (by: string, isApprover: (id: string) => boolean) =>
      pendingRequests([request(REQ_A), decide(by)], { requesterId: '99', isApprover }).map(
        (p) => p.requestId,
      );
    expect(stillPending('30', (id) => id === '20')).toEqual([REQ_A]);
    expect(stillPending('10', (id) => id === '10')).toEqual([REQ_A]);
    expect(stillPending('20', (id) => id === '20')).toEqual([]);
  });
});

describe('decisionNoteText', () => {
  it('puts a decline’s reason in the human line and the marker last', () => {
    const text = decisionNoteText(
      { kind: 'approval-decision', request: REQ_A, decision: 'decline', by: '20' },
      { approver: 'Ben Boss', amount: 4000, currency: 'USD', reason: 'Over\nthe goodwill budget' },
    );
    expect(text).toBe(
      `Ben Boss declined the credit of $40.00. Reason: Over the goodwill budget\n\n[frontline:approval-decision v1 request=${REQ_A} decision=decline by=20]`,
    );
  });
});
