import type { Agent, Case, CaseStatus, Customer, Entry, Group } from '../../domain/model';
import type { TicketRef } from '../../domain/ticket-ref';
import type { FreshdeskAgent, FreshdeskConversation, FreshdeskTicket } from './schemas';
import type { StatusMeanings } from './statuses';

/**
 * 2 Open, 3 Pending, 4 Resolved, 5 Closed; 6 and up are the account's own statuses,
 * solved or closed where the account's ticket fields say so (statuses.ts).
 */
export function freshdeskStatus(raw: number, meanings?: StatusMeanings): CaseStatus {
  switch (raw) {
    case 2:
      return 'open';
    case 3:
      return 'pending';
    case 4:
      return 'solved';
    case 5:
      return 'closed';
    default:
      return meanings?.get(raw) ?? 'custom';
  }
}

/** The field's text on a ticket's `custom_fields` object; null when empty or not text. */
export function freshdeskLedgerOf(customFields: unknown, name: string): string | null {
  if (typeof customFields !== 'object' || customFields === null) return null;
  const value = (customFields as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

const PRIORITIES: Record<number, string> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' };

// Documented sources (helpdesk-apis.md §2.3); others keep their number.
const SOURCES: Record<number, string> = {
  1: 'email',
  2: 'portal',
  3: 'phone',
  7: 'chat',
  9: 'feedback-widget',
  10: 'outbound-email',
};
const OUTBOUND_EMAIL = 10;

export const freshdeskPriority = (raw: number): string => PRIORITIES[raw] ?? `priority-${raw}`;
export const freshdeskChannel = (raw: number): string => SOURCES[raw] ?? `source-${raw}`;

export function toCase(
  ticket: FreshdeskTicket,
  account: string,
  archived: boolean,
  meanings?: StatusMeanings,
  ledgerField: string | null = null,
): Case {
  return {
    ref: { helpdesk: 'freshdesk', account, id: ticket.id },
    subject: ticket.subject,
    status: freshdeskStatus(ticket.status, meanings),
    rawStatus: String(ticket.status),
    priority: freshdeskPriority(ticket.priority),
    channel: freshdeskChannel(ticket.source),
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
    requesterId: ticket.requester_id,
    assigneeId: ticket.responder_id,
    groupId: ticket.group_id,
    tags: ticket.tags,
    archived,
    ...(ledgerField === null ? {} : { ledger: freshdeskLedgerOf(ticket.custom_fields, ledgerField) }),
  };
}

export const toCustomer = (
  person: { id: string; name: string; email?: string | null | undefined },
  account: string,
  organization: string | null,
): Customer => ({
  helpdesk: 'freshdesk',
  account,
  id: person.id,
  name: person.name,
  email: person.email ?? null,
  organization,
});

export const toAgent = (agent: FreshdeskAgent, account: string): Agent => ({
  helpdesk: 'freshdesk',
  account,
  id: agent.id,
  name: agent.contact.name,
  email: agent.contact.email ?? null,
});

export const toGroup = (group: { id: string; name: string }, account: string): Group => ({
  helpdesk: 'freshdesk',
  account,
  id: group.id,
  name: group.name,
});

export const toEntry = (conversation: FreshdeskConversation, ticket: TicketRef): Entry => ({
  ticket,
  id: conversation.id,
  authorId: conversation.user_id,
  public: !conversation.private,
  fromCustomer: conversation.incoming,
  text: conversation.body_text,
  createdAt: conversation.created_at,
});

/**
 * The ticket's description is its first entry. It has no id of its own, so it takes the
 * ticket's. The requester wrote it, except for an outbound email, which an agent sent.
 */
export function descriptionEntry(ticket: FreshdeskTicket, ref: TicketRef): Entry {
  const outbound = ticket.source === OUTBOUND_EMAIL;
  return {
    ticket: ref,
    id: ticket.id,
    authorId: outbound ? null : ticket.requester_id,
    public: true,
    fromCustomer: !outbound,
    text: ticket.description_text ?? '',
    createdAt: ticket.created_at,
  };
}

/** A note's body is HTML: escape the text, keep line breaks as `<br>`. */
export function noteHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r\n?|\n/g, '<br>');
  return `<div>${escaped}</div>`;
}
