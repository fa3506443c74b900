import type { TicketRef } from '../../domain/ticket-ref';

// Only the helpdesk host: `*.myfreshworks.com` is the Freshworks login and other products.
const HOST = /^[a-z0-9-]+\.freshdesk\.com$/;
// `/a/tickets/:id` is the current agent UI, `/helpdesk/tickets/:id` the legacy one.
const TICKET_PATH = /^\/(?:a|helpdesk)\/tickets\/([1-9]\d{0,19})(?:\/.*)?$/;

/** The ticket a Freshdesk agent URL shows, or null. Pure: never throws. */
export function matchFreshdeskUrl(url: string): TicketRef | null {
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
  return id ? { helpdesk: 'freshdesk', account, id } : null;
}
