import type { HttpRequest, HttpResponse } from '../helpdesks/http';
import type { RateInfo } from './rate-headers';

/**
 * Zendesk's Update Ticket limit (30 updates per 10 minutes per user per ticket) answers 429 with
 * this text and a Retry-After of its own (developer.zendesk.com/api-reference/introduction/rate-limits;
 * best-practices-for-avoiding-rate-limiting). The content type is not documented, so only the
 * words are matched.
 */
const PER_TICKET_TEXT = /rate limit for ticket updates/i;

/** One account's tickets whose writes wait: ticket id → epoch ms. */
export type TicketPauses = Map<string, number>;

/** The ticket a write changes (`/api/v2/tickets/123`, `.json`, `/tags`, `/notes`); null for reads and other paths. */
export const ticketOfWrite = (request: HttpRequest): string | null =>
  request.method === 'GET' ? null : (/^\/api\/v2\/tickets\/(\d+)(?:[./?]|$)/.exec(request.path)?.[1] ?? null);

/**
 * The ticket a 429 limits, or null when it limits the account. Zendesk's per-ticket limit names
 * itself; any other 429 on a ticket write while the account still has quota left is narrower
 * than the account too (an endpoint's limit), and pausing only that ticket's writes lets
 * everything else flow: a further 429 on another ticket pauses that one in turn.
 */
export function ticketLimited(request: HttpRequest, response: HttpResponse, info: RateInfo): string | null {
  const ticket = ticketOfWrite(request);
  if (response.status !== 429 || ticket === null) return null;
  const named = PER_TICKET_TEXT.test(response.body);
  return named || (info.remaining !== null && info.remaining > 0) ? ticket : null;
}

/** Holds the ticket's writes for `ms`; an earlier, longer hold stands. */
export const pauseTicket = (pauses: TicketPauses, ticket: string, now: number, ms: number): void => {
  pauses.set(ticket, Math.max(pauses.get(ticket) ?? 0, now + ms));
};

/** Until when a request waits for its ticket; 0 when it may go (reads never wait here). */
export const heldUntil = (pauses: TicketPauses, request: HttpRequest, now: number): number => {
  const ticket = ticketOfWrite(request);
  const until = ticket === null ? 0 : (pauses.get(ticket) ?? 0);
  return until > now ? until : 0;
};

/** Forgets holds that ended. */
export const pruneTicketPauses = (pauses: TicketPauses, now: number): void => {
  for (const [ticket, until] of pauses) if (until <= now) pauses.delete(ticket);
};
