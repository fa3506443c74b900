import type { SimTicket } from '../data/model';
import { pageUpdate } from '../freshdesk/page-update';
import type { ApiContext } from '../http/context';
import { json, type Reply } from '../http/reply';
import type { Route } from '../http/router';

/**
 * The private UI API the simulated agent pages call (Zendesk's agent UI uses `/api/lotus`,
 * Freshdesk's Ember app `/api/_`). It never counts toward the public API's rate limit.
 */
const summary = (t: SimTicket) => ({ id: t.id, subject: t.subject, status: t.status, archived: t.archived });

const needSession =
  (handler: (ctx: ApiContext, params: Record<string, string>) => Reply) =>
  (ctx: ApiContext, params: Record<string, string>): Reply =>
    ctx.actor ? handler(ctx, params) : json(401, { error: 'Unauthorized' });

/** The agent page shows the latest part of the conversation, as the real pages load it in pages. */
const SHOWN_COMMENTS = 30;

const conversation = (ctx: ApiContext, ticket: SimTicket) =>
  ctx.data
    .thread(ticket)
    .comments.slice(-SHOWN_COMMENTS)
    .map((c) => {
      const author = ctx.account.users.get(c.authorId);
      return {
        id: c.id,
        author_name: author?.name ?? 'Unknown',
        by_agent: author !== undefined && author.role !== 'end-user',
        public: c.public,
        body: c.body,
        created_at: c.createdAt,
      };
    });

function ticketPage(ctx: ApiContext, params: Record<string, string>): Reply {
  const ticket = ctx.account.tickets.get(params.id ?? '');
  if (!ticket) return json(404, { error: 'RecordNotFound' });
  const requester = ctx.account.users.get(ticket.requesterId);
  const assignee = ticket.assigneeId ? ctx.account.users.get(ticket.assigneeId) : undefined;
  const group = ticket.groupId ? ctx.account.groups.get(ticket.groupId) : undefined;
  return json(200, {
    ticket: {
      ...summary(ticket),
      priority: ticket.priority,
      type: ticket.type,
      channel: ticket.channel,
      group_name: group?.name ?? null,
      created_at: ticket.createdAt,
      display_id: ticket.id,
      requester_id: ticket.requesterId,
      requester_name: requester?.name ?? null,
      assignee_name: assignee?.name ?? null,
      responder_name: assignee?.name ?? null,
      tags: [...ticket.tags],
    },
    requester: requester
      ? { id: requester.id, name: requester.name, email: requester.email, phone: requester.phone }
      : null,
    comments: conversation(ctx, ticket),
    requester_tickets: ctx.data
      .requesterTickets(ctx.account.host, ticket.requesterId)
      .slice(-50)
      .reverse()
      .map(summary),
  });
}

function userPage(ctx: ApiContext, params: Record<string, string>): Reply {
  const user = ctx.account.users.get(params.id ?? '');
  if (!user) return json(404, { error: 'RecordNotFound' });
  const tickets = ctx.data.requesterTickets(ctx.account.host, user.id).slice(-100).reverse().map(summary);
  return json(200, { user: { id: user.id, name: user.name }, tickets });
}

function dashboard(ctx: ApiContext): Reply {
  const me = ctx.actor?.id;
  const mine: SimTicket[] = [];
  for (const t of ctx.account.tickets.values()) {
    if (t.assigneeId === me && !t.archived) mine.push(t);
  }
  return json(200, { tickets: mine.slice(-30).reverse().map(summary) });
}

function me(ctx: ApiContext): Reply {
  const actor = ctx.actor;
  const csrf = ctx.credentials.kind === 'session' ? ctx.credentials.session.csrf : null;
  const agent = actor ? { id: actor.id, name: actor.name, email: actor.email } : null;
  return json(
    200,
    ctx.account.helpdesk === 'zendesk' ? { user: agent } : { agent, meta: { csrf_token: csrf } },
  );
}

export const zendeskUiRoutes: Route<ApiContext>[] = [
  { method: 'GET', pattern: '/api/lotus/me', handle: needSession(me) },
  { method: 'GET', pattern: '/api/lotus/tickets/:id', handle: needSession(ticketPage) },
  { method: 'GET', pattern: '/api/lotus/users/:id', handle: needSession(userPage) },
  { method: 'GET', pattern: '/api/lotus/dashboard', handle: needSession(dashboard) },
];

export const freshdeskUiRoutes: Route<ApiContext>[] = [
  { method: 'GET', pattern: '/api/_/bootstrap/me', handle: needSession(me) },
  { method: 'GET', pattern: '/api/_/tickets/:id', handle: needSession(ticketPage) },
  { method: 'PUT', pattern: '/api/_/tickets/:id', handle: needSession(pageUpdate) },
  { method: 'GET', pattern: '/api/_/contacts/:id', handle: needSession(userPage) },
  { method: 'GET', pattern: '/api/_/dashboard', handle: needSession(dashboard) },
];
