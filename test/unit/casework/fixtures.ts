import { formatMarker, type Marker } from '../../../lib/domain/markers';
import type { AssignmentChange, Case, Entry } from '../../../lib/domain/model';
import type { HelpdeskKind, TicketRef } from '../../../lib/domain/ticket-ref';

export const refOf = (helpdesk: HelpdeskKind): TicketRef => ({
  helpdesk,
  account: helpdesk === 'zendesk' ? 'acme.zendesk.com' : 'acme.freshdesk.com',
  id: '9007199254740993',
});

export const REQUESTER = '500';
export const ALICE = '11';
export const BOB = '22';
export const CAROL = '33';
export const TIER2 = '9001';
export const BILLING = '9002';

export const t = (hhmm: string, day = '2026-03-10'): string => `${day}T${hhmm}:00Z`;

export const caseOf = (helpdesk: HelpdeskKind, over: Partial<Case> = {}): Case => ({
  ref: refOf(helpdesk),
  subject: 'Parcel late',
  status: 'open',
  rawStatus: 'open',
  priority: null,
  channel: 'email',
  createdAt: t('08:00'),
  updatedAt: t('12:00'),
  requesterId: REQUESTER,
  assigneeId: null,
  groupId: null,
  tags: [],
  archived: false,
  ...over,
});

let nextId = 1000n;

export const entry = (
  helpdesk: HelpdeskKind,
  at: string,
  authorId: string | null,
  text: string,
  kind: 'public' | 'private' | 'customer' = 'public',
): Entry => {
  nextId += 1n;
  return {
    ticket: refOf(helpdesk),
    id: String(nextId),
    authorId,
    public: kind !== 'private',
    fromCustomer: kind === 'customer',
    text,
    createdAt: at,
    // As the helpdesk vouches for it: customers are not agents, everyone else here is.
    authorIsAgent: kind !== 'customer',
    authorConfirmed: true,
  };
};

export const note = (
  helpdesk: HelpdeskKind,
  at: string,
  authorId: string,
  marker: Marker,
  body = 'Note',
): Entry => entry(helpdesk, at, authorId, `${body}\n\n${formatMarker(marker)}`, 'private');

export const change = (
  at: string,
  field: 'assignee' | 'group',
  from: string | null,
  to: string | null,
  authorId: string | null = ALICE,
): AssignmentChange => ({ ticket: refOf('zendesk'), at, authorId, field, from, to });
