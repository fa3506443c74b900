import type { TicketRef } from '../domain/ticket-ref';

/** Where an agent opens a ticket in its helpdesk (the URLs the content script matches). */
export const ticketAddress = (ref: TicketRef): string =>
  ref.helpdesk === 'zendesk'
    ? `https://${ref.account}/agent/tickets/${ref.id}`
    : `https://${ref.account}/a/tickets/${ref.id}`;
