import { describe, expect, it } from 'vitest';
import { refreshLedger } from '../../../lib/credit/ledger-sync';
import { needsCreditTag, restoreCreditTag, type TaggedTicket } from '../../../lib/credit/restore-tag';
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
const ticket = (overrides: Partial<TaggedTicket> = {}): TaggedTicket => ({
  ref: TICKET,
  tags: ['vip'],
  status: 'open',
  requesterId: CUSTOMER,
  archived: false,
  ...overrides,
});

describe('restore a missing credit tag (tags stay)', () => {
  it('a thread read that finds a trusted credit marker on a ticket without the tag writes the tag, once', async () => {
    const helpdesk = fakeHelpdesk(() => START);
    expect(await restoreCreditTag({ adapter: helpdesk.adapter, client }, ticket(), [note()])).toBe(true);
    expect(helpdesk.calls).toEqual(['addTag']);
    expect(helpdesk.tagsOn(TICKET)).toEqual(['frontline_credit']);
  });

  it.each<[string, Partial<TaggedTicket>, Partial<Entry>]>([
    ['the tag is there', { tags: ['vip', 'frontline_credit'] }, {}],
    ['the marker does not count (a public reply)', {}, { public: true }],
    ['the marker does not count (its author is not the agent it names)', {}, { authorId: '999' }],
    ['the marker does not count (the customer wrote it)', {}, { fromCustomer: true, authorIsAgent: false }],
    ['the ticket is archived', { archived: true }, {}],
    ['a closed Zendesk ticket (422 "closed prevents ticket update")', { status: 'closed' }, {}],
  ])('writes nothing when %s', async (_name, t, e) => {
    const helpdesk = fakeHelpdesk(() => START);
    expect(await restoreCreditTag({ adapter: helpdesk.adapter, client }, ticket(t), [note(e)])).toBe(false);
    expect(helpdesk.calls).toEqual([]);
  });

  it('a closed Freshdesk ticket still takes the tag', () => {
    const fd = { ...TICKET, helpdesk: 'freshdesk' as const, account: 'acme.freshdesk.com' };
    expect(needsCreditTag(ticket({ ref: fd, status: 'closed' }), [note({ ticket: fd })])).toBe(true);
  });

  it('a refused write is left for the next read: no throw, no retry loop', async () => {
    const helpdesk = fakeHelpdesk(() => START);
    helpdesk.failNext('addTag', new HelpdeskError('invalid', 'PUT /api/v2/tickets/:id/tags', 'closed', 422));
    expect(await restoreCreditTag({ adapter: helpdesk.adapter, client }, ticket(), [note()])).toBe(false);
    expect(helpdesk.calls).toEqual(['addTag']);
  });

  it('the ledger refresh reading a ticket the tag search still lists, but whose tag is gone, puts the tag back once', async () => {
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
    expect(s.helpdesk.tagsOn(TICKET)).toEqual(['frontline_credit']);
    expect(s.helpdesk.calls.filter((c) => c === 'addTag')).toHaveLength(1);
  });
});
