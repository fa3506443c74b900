import { applyUpdate } from '../data/mutate';
import { type ApiContext, isRecord } from '../http/context';
import { json, type Reply } from '../http/reply';

/**
 * The Freshdesk agent page's own "Update" (`PUT /api/_/tickets/:id`, the private API
 * the Ember app writes through; helpdesk-apis.md §3, atlas-comet bridge-inject.js). It
 * sends the properties the page loaded, tags included, and the tags replace the list
 * (`tags` replaces the array, §2.4). The page does not reload its ticket after an API
 * write (§7 "Freshdesk page after an API write"), so a tag the API added since the page
 * loaded is written away, unless the page was reloaded.
 */
export function pageUpdate(ctx: ApiContext, params: Record<string, string>): Reply {
  const ticket = ctx.account.tickets.get(params.id ?? '');
  if (!ticket || !ctx.actor) return json(404, { error: 'RecordNotFound' });
  const tags = isRecord(ctx.body) ? ctx.body.tags : undefined;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))
    return json(400, {
      description: 'Validation failed',
      errors: [{ field: 'tags', code: 'invalid_value' }],
    });
  applyUpdate(ctx.data, ticket, ctx.actor.id, { tags }, undefined, 'web');
  return json(200, { ticket: { id: ticket.id, tags: ticket.tags } });
}
