import { describe, expect, it } from 'vitest';
import {
  healIndex,
  healIndexFromNotes,
  type IndexedTicket,
  indexedGrantsIn,
  needsHealing,
} from '../../../lib/credit/heal-index';
import { refreshLedger } from '../../../lib/credit/ledger-sync';
import { encodeIndex } from '../../../lib/domain/grant-index';
import type { Entry } from '../../../lib/domain/model';
import { creditNoteText } from '../../../lib/domain/note-text';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { ADA, CUSTOMER, fakeHelpdesk, harness, START, TICKET, uuid } from './fakes';

const client = async () => ({ status: 200, headers: {}, body: '' });
const note = (overrides: Partial<Entry> = {}): Entry => ({
  ticket: TICKET,
  id: '7001',
  authorId: ADA.id,
  public: false,
  fromCustomer: false,
  text: creditNoteText(
    {
      kind: 'credit',
      id: uuid(1),
      amount: 1000,
      currency: 'USD',
      agent: ADA.id,
      customer: CUSTOMER,
      reason: 'late delivery',
    },
    ADA.name,
  ),
  createdAt: new Date(START).toISOString(),
  authorIsAgent: true,
  authorConfirmed: true,
  ...overrides,
});
const ticket = (overrides: Partial<IndexedTicket> = {}): IndexedTicket => ({
  ref: TICKET,
  tags: ['vip'],
  status: 'open',
  requesterId: CUSTOMER,
  archived: false,
  ...overrides,
});

const LINE = {
  id: uuid(1),
  agentId: ADA.id,
  customerId: CUSTOMER,
  amount: 1000,
  currency: 'USD',
  at: new Date(START).toISOString(),
};
const WHOLE = ['vip', 'frontline_credit', `fl_credit_${ADA.id}`];

describe('heal the team index from the notes (tags stay, issue 17)', () => {
  it('a thread read that finds a trusted credit marker on a ticket without its tags writes both tags in one update, once', async () => {
    const helpdesk = fakeHelpdesk(() => START);
    expect(await healIndexFromNotes({ adapter: helpdesk.adapter, client }, ticket(), [note()])).toBe(true);
    expect(helpdesk.calls).toEqual(['indexGrants']);
    expect(helpdesk.tagsOn(TICKET)).toEqual(['frontline_credit', `fl_credit_${ADA.id}`]);
  });

  it('the grants a thread proves are its trusted credit markers, dated by their notes', () => {
    expect(indexedGrantsIn([note(), note({ id: '7002', public: true })], CUSTOMER)).toEqual([LINE]);
  });

  it('puts back the per-agent tag alone when only it was removed', () => {
    expect(needsHealing(ticket({ tags: ['vip', 'frontline_credit'] }), [LINE])).toBe(true);
  });

  it.each([
    ['the field is empty', null],
    ['the line was removed', encodeIndex([{ ...LINE, id: uuid(2) }])],
    ['the line was edited to a smaller amount', encodeIndex([{ ...LINE, amount: 1 }])],
    ['the field holds hostile text beside the line', `${encodeIndex([LINE])}\n<script>`],
  ])('with the ledger field, writes the line when %s', async (_name, ledger) => {
    const helpdesk = fakeHelpdesk(() => START);
    expect(
      await healIndex({ adapter: helpdesk.adapter, client }, ticket({ tags: WHOLE, ledger }), [LINE]),
    ).toBe(true);
    expect(helpdesk.ledgerOn(TICKET)).toContain(encodeIndex([LINE]));
  });

  it('writes nothing when the tags and the line are there', async () => {
    const helpdesk = fakeHelpdesk(() => START);
    const whole = ticket({ tags: WHOLE, ledger: encodeIndex([LINE]) });
    expect(await healIndex({ adapter: helpdesk.adapter, client }, whole, [LINE])).toBe(false);
    expect(helpdesk.calls).toEqual([]);
  });

  it.each<[string, Partial<IndexedTicket>, Partial<Entry>]>([
    ['the tags are there and the account has no ledger field', { tags: WHOLE }, {}],
    ['the marker does not count (a public reply)', {}, { public: true }],
    ['the marker does not count (its author is not the agent it names)', {}, { authorId: '999' }],
    ['the marker does not count (the customer wrote it)', {}, { fromCustomer: true, authorIsAgent: false }],
    ['the ticket is archived', { archived: true }, {}],
    ['a closed Zendesk ticket (422 "closed prevents ticket update")', { status: 'closed' }, {}],
  ])('writes nothing when %s', async (_name, t, e) => {
    const helpdesk = fakeHelpdesk(() => START);
    expect(await healIndexFromNotes({ adapter: helpdesk.adapter, client }, ticket(t), [note(e)])).toBe(false);
    expect(helpdesk.calls).toEqual([]);
  });

  it('a closed Freshdesk ticket still takes the index', () => {
    const fd = { ...TICKET, helpdesk: 'freshdesk' as const, account: 'acme.freshdesk.com' };
    expect(needsHealing(ticket({ ref: fd, status: 'closed' }), [LINE])).toBe(true);
  });

  it('a refused write is left for the next read: no throw, no retry loop', async () => {
    const helpdesk = fakeHelpdesk(() => START);
    helpdesk.failNext('indexGrants', new HelpdeskError('invalid', 'PUT /api/v2/tickets/:id', 'closed', 422));
    expect(await healIndexFromNotes({ adapter: helpdesk.adapter, client }, ticket(), [note()])).toBe(false);
    expect(helpdesk.calls).toEqual(['indexGrants']);
  });

  it('the ledger refresh reading a ticket the tag search still lists, but whose tag is gone, puts the tags back once', async () => {
    const s = harness();
    await s.helpdesk.adapter.addPrivateNote(client, TICKET, note().text);
    await s.helpdesk.adapter.addTag(client, TICKET, 'frontline_credit');
    const listed = await s.helpdesk.adapter.searchTickets(client, TICKET.account, {
      tag: 'frontline_credit',
      from: '2000-01-01',
    });
    s.helpdesk.tags.get('zendesk:acme.zendesk.com:42')?.delete('frontline_credit');
    // Search lags behind writes: it still lists the ticket, with the tags it had when indexed.
    s.helpdesk.adapter.searchTickets = async () => ({
      ...listed,
      cases: listed.cases.map((c) => ({ ...c, tags: ['vip'] })),
    });
    s.helpdesk.calls.length = 0;
    await refreshLedger(s.deps, TICKET.account, 'zendesk');
    expect(s.helpdesk.tagsOn(TICKET)).toEqual(['frontline_credit', `fl_credit_${ADA.id}`]);
    expect(s.helpdesk.calls.filter((c) => c === 'indexGrants')).toHaveLength(1);
  });
});
