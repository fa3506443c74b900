import type { Agent, Case, Customer, Entry } from '../../../lib/domain/model';
import type { CreditView } from '../../../lib/domain/snapshot';
import type { TicketRef } from '../../../lib/domain/ticket-ref';

/** The account, people, tickets and reply the context-sync tests share. */
export const account = 'acme.zendesk.com';
export const ref = (id: string): TicketRef => ({ helpdesk: 'zendesk', account, id });
export const ada: Agent = {
  helpdesk: 'zendesk',
  account,
  id: '10',
  name: 'Ada Agent',
  email: 'ada@acme.test',
};
export const customer: Customer = {
  helpdesk: 'zendesk',
  account,
  id: '500',
  name: 'Cleo',
  email: null,
  organization: null,
};
export const makeCase = (id: string, updatedAt = '2026-11-01T10:00:00Z'): Case => ({
  ref: ref(id),
  subject: `Subject ${id}`,
  status: 'open',
  rawStatus: 'open',
  priority: null,
  channel: 'email',
  createdAt: `2026-10-${id.padStart(2, '0')}T10:00:00Z`,
  updatedAt,
  requesterId: customer.id,
  assigneeId: ada.id,
  groupId: null,
  tags: [],
  archived: false,
});
export const reply: Entry = {
  ticket: ref('1'),
  id: '900',
  authorId: ada.id,
  public: true,
  fromCustomer: false,
  text: 'Hello',
  createdAt: '2026-11-01T10:00:00Z',
  authorIsAgent: true,
  authorConfirmed: true,
};

/** A credit view with grants open and nothing granted: what a publish shows when credits are on. */
export const openCreditView: CreditView = {
  policy: { source: 'self-managed', presets: [500], reasons: ['Goodwill'], undoSeconds: 5 },
  disabledReason: null,
  authority: null,
  grants: [],
  approvals: [],
  needsCredentials: false,
};
