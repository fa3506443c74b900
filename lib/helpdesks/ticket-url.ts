import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';

/**
 * A pure matcher of one helpdesk's agent ticket URLs: https on the default
 * port, a host the helpdesk serves, and a path naming the ticket (its id in
 * the first capture group). Never throws.
 */
export const ticketUrlMatcher =
  (helpdesk: HelpdeskKind, host: RegExp, ticketPath: RegExp) =>
  (url: string): TicketRef | null => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:' || parsed.port !== '') return null;
    const account = parsed.hostname.toLowerCase();
    if (!host.test(account)) return null;
    const id = ticketPath.exec(parsed.pathname)?.[1];
    return id ? { helpdesk, account, id } : null;
  };
