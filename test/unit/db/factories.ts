import { type FrontlineDb, openDb } from '../../../lib/db/schema';
import type { CreditGrant, GrantState } from '../../../lib/domain/credit-grant';
import type { Agent, Case, Customer, Entry, Group } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';

export const ACCOUNT = 'acme.zendesk.com';

let counter = 0;
/** A database of its own for each test. */
export const freshDb = (): FrontlineDb => openDb(`frontline-test-${++counter}-${crypto.randomUUID()}`);

export const ref = (id: string | number, account = ACCOUNT): TicketRef => ({
  helpdesk: 'zendesk',
  account,
  id: String(id),
});

const iso = (ms: number) => new Date(ms).toISOString();

export const makeCase = (
  id: string | number,
  overrides: Partial<Case> & { updatedMs?: number } = {},
): Case => {
  const { updatedMs = 1_700_000_000_000 + Number(id) * 1000, ...rest } = overrides;
  return {
    ref: ref(id),
    subject: `Ticket ${id}`,
    status: 'open',
    rawStatus: 'open',
    priority: null,
    channel: 'email',
    createdAt: iso(updatedMs - 3_600_000),
    updatedAt: iso(updatedMs),
    requesterId: '900',
    assigneeId: '500',
    groupId: '600',
    tags: [],
    archived: false,
    ...rest,
  };
};

export const customer = (id = '900'): Customer => ({
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id,
  name: 'Carla Customer',
  email: 'carla@example.com',
  organization: null,
});

export const agent = (id = '500', name = 'Ada Agent'): Agent => ({
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id,
  name,
  email: `${name.split(' ')[0]?.toLowerCase()}@acme.test`,
});

export const group = (id = '600', name = 'Tier 2'): Group => ({
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id,
  name,
});

export const entry = (ticket: TicketRef, id: string | number, createdMs: number, text = 'Hello'): Entry => ({
  ticket,
  id: String(id),
  authorId: '900',
  public: true,
  fromCustomer: true,
  text,
  createdAt: iso(createdMs),
});

export const grant = (
  ticket: TicketRef,
  state: GrantState,
  overrides: Partial<CreditGrant> = {},
): CreditGrant =>
  ({
    id: crypto.randomUUID(),
    ticket,
    customerId: '900',
    agentId: '500',
    amount: { amount: 2500, currency: 'USD' },
    reason: 'late delivery',
    at: '2024-05-01T10:00:00Z',
    state,
    ...(state === 'failed' ? { error: 'The helpdesk refused the note (403)' } : {}),
    ...overrides,
  }) as CreditGrant;
