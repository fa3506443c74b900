import type { TicketRef } from '../../domain/ticket-ref';

const HOST = /^[a-z0-9-]+\.zendesk\.com$/;
// Sub-pages of a ticket (`/events`, `/print`) still show that ticket; `/agent/tickets/new` does not.
const TICKET_PATH = /^\/agent\/tickets\/([1-9]\d{0,19})(?:\/.*)?$/;

/** The ticket a Zendesk agent URL shows, or null. Pure: never throws. */
export function matchZendeskUrl(url: string): TicketRef | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return null;
  const account = parsed.hostname.toLowerCase();
  if (!HOST.test(account)) return null;
  const id = TICKET_PATH.exec(parsed.pathname)?.[1];
  return id ? { helpdesk: 'zendesk', account, id } : null;
}
