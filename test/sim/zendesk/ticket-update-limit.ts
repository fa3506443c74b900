import { type Reply, text } from '../http/reply';
import type { Limiter } from '../limits';

/**
 * Zendesk's Update Ticket limit: 30 updates per 10 minutes per user per ticket, on top of the
 * account's per-minute limit (developer.zendesk.com/api-reference/introduction/rate-limits,
 * "Endpoint rate limits"; best-practices-for-avoiding-rate-limiting shows the 429 with
 * `Retry-After: 93`). Counted as a sliding window, so Retry-After is when the oldest of the 30
 * updates leaves it. Whether a session (agent UI) update counts is undocumented; here any
 * authenticated `PUT /api/v2/tickets/:id` does.
 */
export const TICKET_UPDATES = 30;
export const TICKET_UPDATE_WINDOW_MS = 10 * 60_000;

/** The body names the limit; Zendesk documents the phrase, not the content type (text as its other 429). */
export const TICKET_UPDATE_LIMIT_TEXT = 'Rate limit for ticket updates exceeded';

/** A 429 when this user has updated this ticket 30 times in the last 10 minutes, else null (the update counts). */
export function ticketUpdateRefusal(
  limiter: Limiter,
  host: string,
  userId: string,
  ticketId: string,
  now: number,
): Reply | null {
  const result = limiter.slide(
    `${host}#ticket-update#${userId}#${ticketId}`,
    TICKET_UPDATES,
    now,
    TICKET_UPDATE_WINDOW_MS,
  );
  if (result.allowed) return null;
  const reply = text(429, TICKET_UPDATE_LIMIT_TEXT);
  return { ...reply, headers: { ...reply.headers, 'retry-after': String(result.reset) } };
}
