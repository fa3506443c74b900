import type { Case, Entry } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';

export const ref: TicketRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '6130907993114' };
export const NOW = Date.parse('2026-11-23T10:00:00Z');

export const kase = (over: Partial<Case> = {}): Case => ({
  ref,
  subject: 'Refund',
  status: 'open',
  rawStatus: 'open',
  priority: null,
  channel: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  requesterId: '9',
  assigneeId: '5',
  groupId: null,
  tags: [],
  archived: false,
  ...over,
});

export const entry = (over: Partial<Entry>): Entry => ({
  ticket: ref,
  id: '1',
  authorId: '5',
  public: true,
  fromCustomer: false,
  text: 'Hi',
  createdAt: '2026-11-23T09:00:00.000Z',
  ...over,
});
