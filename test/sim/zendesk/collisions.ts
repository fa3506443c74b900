import type { SimTicket } from '../data/model';
import { type ApiContext, isRecord } from '../http/context';
import type { Reply } from '../http/reply';
import { zdErrors } from './errors';

/**
 * Zendesk's ticket update collisions. Zendesk OpenAPI, tags, PUT
 * /api/v2/tickets/{ticket_id}/tags, "Safe Update": "If the same ticket is updated by
 * multiple API requests at the same time, some tags could be lost because of ticket
 * update collisions. Include `updated_stamp` and `safe_update` … The tag update only
 * occurs if the `updated_stamp` timestamp matches the ticket's actual `updated_at` …
 * the request returns a 409 Conflict error." The ticket schema: `safe_update` "When
 * true and an `update_stamp` date is included, protects against ticket update
 * collisions … A value of false has the same effect as true. Omit the property to force
 * the updates to not be safe". How Zendesk loses the tags is not documented; the
 * simulator does what a read-modify-save under load does: an update reads the ticket
 * when it arrives, works for `settings.collisionMs`, and saves the tag list it read
 * (with its own change), so a tag another update saved meanwhile is gone.
 */

/** Whether the body asks for a safe update whose stamp is not the ticket's `updated_at` now. */
export function staleStamp(body: unknown, ticket: SimTicket): boolean {
  if (!isRecord(body)) return false;
  const fields = isRecord(body.ticket) ? body.ticket : body;
  if (!('safe_update' in fields) || typeof fields.updated_stamp !== 'string') return false;
  return fields.updated_stamp !== ticket.updatedAt;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One second after `iso` (Zendesk prints seconds), as the API prints it. */
const nextSecond = (iso: string): string =>
  new Date(Date.parse(iso) + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

type Handler = (ctx: ApiContext, params: Record<string, string>) => Reply | Promise<Reply>;

/**
 * Wraps a ticket update route. Off (`collisionMs` 0) it is the route itself. On, the
 * update keeps the tags it read on arrival and saves after the delay; a safe update
 * whose stamp went stale meanwhile gets the 409. Each save moves `updated_at` on by at
 * least a second, so a stamp read before any other save never matches after it.
 */
export const colliding =
  (handler: Handler): Handler =>
  async (ctx, params) => {
    const delay = ctx.settings.collisionMs;
    const ticket = ctx.account.tickets.get(params.id ?? '');
    if (delay <= 0 || !ticket || !ctx.actor) return handler(ctx, params);
    const readTags = [...ticket.tags];
    await sleep(delay);
    if (staleStamp(ctx.body, ticket)) return zdErrors.conflict();
    const before = ticket.updatedAt;
    const current = ticket.tags;
    ticket.tags = readTags;
    const reply = await handler(ctx, params);
    if (reply.status >= 300) ticket.tags = current;
    else if (ticket.updatedAt <= before) ticket.updatedAt = nextSecond(before);
    return reply;
  };
