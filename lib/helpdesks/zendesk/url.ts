import { ticketUrlMatcher } from '../ticket-url';

export const ZENDESK_HOST = /^[a-z0-9-]+\.zendesk\.com$/;

/** The ticket a Zendesk agent URL shows, or null. */
export const matchZendeskUrl = ticketUrlMatcher(
  'zendesk',
  ZENDESK_HOST,
  // Sub-pages of a ticket (`/events`, `/print`) still show that ticket; `/agent/tickets/new` does not.
  /^\/agent\/tickets\/([1-9]\d{0,19})(?:\/.*)?$/,
);
