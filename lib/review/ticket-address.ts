import type { TicketRef } from '../domain/ticket-ref';
import { platformOf } from '../helpdesks/registry';

/** Where an agent opens a ticket in its helpdesk (the URLs the content script matches). */
export const ticketAddress = (ref: TicketRef): string => platformOf(ref.helpdesk).ticketUrl(ref);
