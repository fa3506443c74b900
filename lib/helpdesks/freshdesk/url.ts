import { ticketUrlMatcher } from '../ticket-url';

// Only the helpdesk host: `*.myfreshworks.com` is the Freshworks login and other products.
export const FRESHDESK_HOST = /^[a-z0-9-]+\.freshdesk\.com$/;

/** The ticket a Freshdesk agent URL shows, or null. */
export const matchFreshdeskUrl = ticketUrlMatcher(
  'freshdesk',
  FRESHDESK_HOST,
  // `/a/tickets/:id` is the current agent UI, `/helpdesk/tickets/:id` the legacy one.
  /^\/(?:a|helpdesk)\/tickets\/([1-9]\d{0,19})(?:\/.*)?$/,
);
