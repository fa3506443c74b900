import { describe, expect, it } from 'vitest';
import { createCreditService } from '../../../lib/credit/service';
import { formatMarker } from '../../../lib/domain/markers';
import type { Agent, Entry } from '../../../lib/domain/model';
import { agentCreditTag, CREDIT_TAG } from '../../../lib/domain/tags';
import { refKey } from '../../../lib/domain/ticket-ref';
import { ACCOUNT, ADA, CUSTOMER, harness, START, TICKET, uuid } from './fakes';

/** An approver in the test policy (examples.ts names agent 9). */
const BEN: Agent = { ...ADA, id: '9', name: 'Ben Lead', email: 'ben@acme.test' };
const REQUEST = uuid(70);
const GRANT = uuid(71);

const note = (id: string, authorId: string, text: string, at: number): Entry => ({
  ticket: TICKET,
  id,
  authorId,
  public: false,
  fromCustomer: false,
  text,
  createdAt: new Date(at).toISOString(),
  authorIsAgent: true,
  authorConfirmed: true,
});

/** What an approval of Ada's request leaves on the ticket: Ben's decision, then Ben's credit naming the request. */
function approvedOnHelpdesk(h: ReturnType<typeof harness>, by: Agent = BEN): Entry[] {
  const entries = [
    note(
      'd1',
      BEN.id,
      `Approved\n\n${formatMarker({ kind: 'approval-decision', request: REQUEST, decision: 'approve', by: BEN.id, grant: GRANT })}`,
      START + 1_000,
    ),
    note(
      'c1',
      by.id,
      `Credit\n\n${formatMarker({
        kind: 'credit',
        id: GRANT,
        amount: 4_000,
        currency: 'USD',
        agent: BEN.id,
        customer: CUSTOMER,
        reason: 'late delivery',
        request: REQUEST,
      })}`,
      START + 2_000,
    ),
  ];
  const key = refKey(TICKET);
  h.helpdesk.notes.set(key, entries);
  h.helpdesk.tags.set(key, new Set([CREDIT_TAG, agentCreditTag(BEN.id)]));
  h.helpdesk.touch(TICKET);
  return entries;
}

describe('an approver’s grant of a rep’s request, in the rep’s browser', () => {
  it('an approved request’s grant shows recorded on the ticket in view from its notes, counting against the approver, not the rep', async () => {
    const h = harness();
    const service = createCreditService(h.deps);
    const entries = approvedOnHelpdesk(h);
    h.clock.now += 60_000;
    // The rep's own ledger searches the rep's tag only: the approver's grant is not found there.
    await service.refreshLedger(ACCOUNT, 'zendesk');
    expect((await service.view(TICKET, ADA, CUSTOMER)).grants).toEqual([]);

    h.changed.length = 0;
    expect(await service.notesRead({ ref: TICKET, requesterId: CUSTOMER }, entries)).toBe(true);
    const view = await service.view(TICKET, ADA, CUSTOMER);
    expect(view.grants).toMatchObject([{ id: GRANT, amount: 4_000, state: 'recorded' }]);
    expect(view.authority?.usedThisPeriod).toBe(0);
    expect(h.changed).toEqual([refKey(TICKET)]);
    // Its authority is the approver's: the same ledger counts it for Ben.
    expect((await service.view(TICKET, BEN, CUSTOMER)).authority?.usedThisPeriod).toBe(4_000);
    // A second read of the same notes stores nothing and repaints nothing.
    expect(await service.notesRead({ ref: TICKET, requesterId: CUSTOMER }, entries)).toBe(false);
    expect(h.changed).toEqual([refKey(TICKET)]);
  });

  it('a credit marker in the approver’s name written by someone else is not recorded', async () => {
    const h = harness();
    const service = createCreditService(h.deps);
    const entries = approvedOnHelpdesk(h, ADA);
    expect(await service.notesRead({ ref: TICKET, requesterId: CUSTOMER }, entries)).toBe(false);
    expect((await service.view(TICKET, ADA, CUSTOMER)).grants).toEqual([]);
  });
});
