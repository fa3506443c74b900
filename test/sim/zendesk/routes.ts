import type { SimTicket, SimUser } from '../data/model';
import { applyUpdate, type TicketChanges } from '../data/mutate';
import { TicketMap } from '../data/tag-index';
import { type ApiContext, isRecord } from '../http/context';
import { json, type Reply } from '../http/reply';
import type { Route } from '../http/router';
import { colliding, staleStamp } from './collisions';
import { zdErrors } from './errors';
import { cursorPage, offsetPage, wantsCursor } from './paginate';
import { compileTicketQuery, sortTickets } from './search';
import {
  zdAnonymousUser,
  zdAudit,
  zdComment,
  zdDates,
  zdGroup,
  zdOrganization,
  zdTicket,
  zdUser,
} from './serialize';

type Handler = (ctx: ApiContext, params: Record<string, string>) => Reply;

/** Every route but `users/me` needs a signed-in agent. */
const agentOnly =
  (handler: (ctx: ApiContext, params: Record<string, string>, actor: SimUser) => Reply): Handler =>
  (ctx, params) => {
    if (!ctx.actor) return zdErrors.unauthorized();
    if (ctx.actor.role === 'end-user') return zdErrors.forbidden();
    return handler(ctx, params, ctx.actor);
  };

const withTicket = (handler: (ctx: ApiContext, ticket: SimTicket, actor: SimUser) => Reply): Handler =>
  agentOnly((ctx, params, actor) => {
    const ticket = ctx.account.tickets.get(params.id ?? '');
    return ticket ? handler(ctx, ticket, actor) : zdErrors.notFound();
  });

const sideLoadedUsers = (ctx: ApiContext, ids: ReadonlySet<string>): unknown[] =>
  [...ids].flatMap((id) => {
    const u = ctx.account.users.get(id);
    return u ? [zdUser(u, ctx.origin)] : [];
  });

const includes = (ctx: ApiContext): string[] => (ctx.query.get('include') ?? '').split(',').filter(Boolean);

const idList = (ctx: ApiContext): string[] =>
  (ctx.query.get('ids') ?? '')
    .split(',')
    .filter((id) => /^\d+$/.test(id))
    .slice(0, 100);

function showTicket(ctx: ApiContext, ticket: SimTicket): Reply {
  const include = includes(ctx);
  const body: Record<string, unknown> = { ticket: zdTicket(ticket, ctx.account, ctx.origin) };
  if (include.includes('dates'))
    (body.ticket as Record<string, unknown>).dates = zdDates(ticket, ctx.data.thread(ticket));
  if (include.includes('users')) {
    const ids = [ticket.requesterId, ticket.submitterId, ticket.assigneeId].filter(
      (id): id is string => id !== null,
    );
    body.users = [...new Set(ids)].flatMap((id) => {
      const user = ctx.account.users.get(id);
      return user ? [zdUser(user, ctx.origin)] : [];
    });
  }
  if (include.includes('groups')) {
    const group = ticket.groupId ? ctx.account.groups.get(ticket.groupId) : undefined;
    body.groups = group ? [zdGroup(group, ctx.origin)] : [];
  }
  if (include.includes('organizations')) {
    const org = ticket.organizationId ? ctx.account.organizations.get(ticket.organizationId) : undefined;
    body.organizations = org ? [zdOrganization(org, ctx.origin)] : [];
  }
  return json(200, body);
}

function listOf<T>(ctx: ApiContext, items: T[], key: string, render: (item: T) => unknown): Reply {
  return wantsCursor(ctx.query) ? cursorPage(ctx, items, key, render) : offsetPage(ctx, items, key, render);
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

/** `PUT /tickets/:id`: a comment, field changes, and the `safe_update` check. */
function updateTicket(ctx: ApiContext, ticket: SimTicket, actor: SimUser): Reply {
  const input = isRecord(ctx.body) ? ctx.body.ticket : undefined;
  if (!isRecord(input)) return zdErrors.invalid('base', 'Ticket: is required', 'BlankValue');
  if (input.safe_update === true && input.updated_stamp !== ticket.updatedAt) return zdErrors.conflict();
  if (ticket.status === 'closed')
    return zdErrors.invalid('status', 'Status: closed prevents ticket update', 'InvalidValue');
  const changes: TicketChanges = {};
  if (typeof input.status === 'string') {
    if (!STATUSES.includes(input.status))
      return zdErrors.invalid('status', `Status: ${input.status} is not valid`);
    changes.status = input.status;
  }
  if (typeof input.subject === 'string') changes.subject = input.subject;
  for (const [key, field, table] of [
    ['assignee_id', 'assigneeId', 'users'],
    ['group_id', 'groupId', 'groups'],
  ] as const) {
    if (!(key in input)) continue;
    const value = input[key];
    if (value === null) changes[field] = null;
    else if (
      (typeof value === 'number' || typeof value === 'string') &&
      ctx.account[table].has(String(value))
    )
      changes[field] = String(value);
    else return zdErrors.invalid(key, `${key}: is invalid`);
  }
  let tags = isStringArray(input.tags) ? input.tags : [...ticket.tags];
  if (isStringArray(input.additional_tags)) tags = [...new Set([...tags, ...input.additional_tags])];
  if (isStringArray(input.remove_tags))
    tags = tags.filter((t) => !(input.remove_tags as string[]).includes(t));
  if (isStringArray(input.tags) || isStringArray(input.additional_tags) || isStringArray(input.remove_tags))
    changes.tags = tags;
  const custom = input.custom_fields ?? input.fields;
  if (Array.isArray(custom)) {
    changes.customFields = {};
    for (const entry of custom) {
      if (!isRecord(entry) || !('id' in entry)) continue;
      const field = ctx.account.ticketFields.find((f) => f.id === String(entry.id));
      const value = entry.value;
      if (!field) continue;
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
        return zdErrors.invalid(field.id, `${field.title}: is invalid`);
      changes.customFields[field.key] = value as string | number | boolean | null;
    }
  }
  let comment: Parameters<typeof applyUpdate>[4];
  if (isRecord(input.comment)) {
    const body = typeof input.comment.body === 'string' ? input.comment.body : undefined;
    const html = typeof input.comment.html_body === 'string' ? input.comment.html_body : undefined;
    const text = body ?? html?.replace(/<[^>]*>/g, '') ?? '';
    if (text.trim() === '') return zdErrors.invalid('base', 'Comment: cannot be blank', 'BlankValue');
    comment = {
      authorId: actor.id,
      body: text,
      html,
      public: input.comment.public !== false,
      incoming: false,
    };
  }
  const { audit } = applyUpdate(ctx.data, ticket, actor.id, changes, comment, 'api');
  const thread = ctx.data.thread(ticket);
  return json(200, {
    ticket: zdTicket(ticket, ctx.account, ctx.origin),
    audit: zdAudit(audit, ticket, thread),
  });
}

function tagsWrite(mode: 'add' | 'set' | 'remove'): Handler {
  return withTicket((ctx, ticket, actor) => {
    const tags = isRecord(ctx.body) ? ctx.body.tags : undefined;
    if (!isStringArray(tags)) return zdErrors.invalid('tags', 'Tags: is required', 'BlankValue');
    if (staleStamp(ctx.body, ticket)) return zdErrors.conflict();
    if (ticket.status === 'closed')
      return zdErrors.invalid('status', 'Status: closed prevents ticket update', 'InvalidValue');
    const next =
      mode === 'set'
        ? [...new Set(tags)]
        : mode === 'add'
          ? [...new Set([...ticket.tags, ...tags])]
          : ticket.tags.filter((t) => !tags.includes(t));
    applyUpdate(ctx.data, ticket, actor.id, { tags: next }, undefined, 'api');
    return json(200, { tags: ticket.tags });
  });
}

function search(ctx: ApiContext, actor: SimUser): Reply {
  if (wantsCursor(ctx.query))
    return zdErrors.badRequest(
      'Invalid attribute',
      'You passed an invalid value for the page attribute. Invalid parameter: page must be an integer',
    );
  const query = ctx.query.get('query') ?? '';
  if (query.trim() === '') return zdErrors.searchInvalid('Invalid search: query parameter is required');
  const compiled = compileTicketQuery(query, ctx.account, actor.id);
  const pool = compiled.requesterId
    ? ctx.data.requesterTickets(ctx.account.host, compiled.requesterId)
    : compiled.tag !== null && ctx.account.tickets instanceof TicketMap
      ? ctx.account.tickets.withTag(compiled.tag)
      : [...ctx.account.tickets.values()];
  const found = compiled.matches ? pool.filter(compiled.matches) : [];
  const sorted = sortTickets(found, ctx.query.get('sort_by'), ctx.query.get('sort_order'));
  return offsetPage(
    ctx,
    sorted,
    'results',
    (t) => ({ ...zdTicket(t, ctx.account, ctx.origin), result_type: 'ticket' }),
    {
      cap: 1000,
      overCap: () =>
        zdErrors.searchInvalid(
          'Invalid search: Requested response size was greater than Search Response Limits',
        ),
    },
    { facets: null },
  );
}

export const zendeskRoutes: Route<ApiContext>[] = [
  {
    method: 'GET',
    pattern: '/api/v2/users/me',
    handle: (ctx) => {
      const session = ctx.credentials.kind === 'session' ? ctx.credentials.session : null;
      const user = ctx.actor ? zdUser(ctx.actor, ctx.origin) : zdAnonymousUser();
      return json(200, { user: { ...user, authenticity_token: session?.csrf ?? 'anonymous' } });
    },
  },
  {
    method: 'GET',
    pattern: '/api/v2/users/me/session/renew',
    handle: agentOnly((ctx) =>
      ctx.credentials.kind === 'session'
        ? json(200, { authenticity_token: ctx.credentials.session.csrf })
        : zdErrors.forbidden(),
    ),
  },
  {
    method: 'GET',
    pattern: '/api/v2/users/show_many',
    handle: agentOnly((ctx) =>
      json(200, {
        users: idList(ctx).flatMap((id) => {
          const u = ctx.account.users.get(id);
          return u ? [zdUser(u, ctx.origin)] : [];
        }),
      }),
    ),
  },
  {
    method: 'GET',
    pattern: '/api/v2/users/:id',
    handle: agentOnly((ctx, p) => {
      const user = ctx.account.users.get(p.id ?? '');
      return user ? json(200, { user: zdUser(user, ctx.origin) }) : zdErrors.notFound();
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/users/:id/groups',
    handle: agentOnly((ctx, p) => {
      const user = ctx.account.users.get(p.id ?? '');
      if (!user) return zdErrors.notFound();
      const groups = user.groupIds.flatMap((id) => {
        const g = ctx.account.groups.get(id);
        return g ? [g] : [];
      });
      return listOf(ctx, groups, 'groups', (g) => zdGroup(g, ctx.origin));
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/users/:id/tickets/requested',
    handle: agentOnly((ctx, p) => {
      if (!ctx.account.users.has(p.id ?? '')) return zdErrors.notFound();
      // The "List tickets" family leaves archived tickets out; search has them.
      const live = ctx.data.requesterTickets(ctx.account.host, p.id ?? '').filter((t) => !t.archived);
      const sort = ctx.query.get('sort') ?? ctx.query.get('sort_by');
      const ordered = wantsCursor(ctx.query)
        ? sortTickets(live, sort?.replace(/^-/, '') ?? null, sort?.startsWith('-') ? 'desc' : 'asc')
        : sortTickets(live, ctx.query.get('sort_by'), ctx.query.get('sort_order') ?? 'asc');
      return listOf(ctx, ordered, 'tickets', (t) => zdTicket(t, ctx.account, ctx.origin));
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/tickets/show_many',
    handle: agentOnly((ctx) =>
      json(200, {
        tickets: idList(ctx).flatMap((id) => {
          const t = ctx.account.tickets.get(id);
          return t ? [zdTicket(t, ctx.account, ctx.origin)] : [];
        }),
      }),
    ),
  },
  { method: 'GET', pattern: '/api/v2/tickets/:id', handle: withTicket((ctx, t) => showTicket(ctx, t)) },
  { method: 'PUT', pattern: '/api/v2/tickets/:id', handle: colliding(withTicket(updateTicket)) },
  {
    method: 'GET',
    pattern: '/api/v2/tickets/:id/comments',
    handle: withTicket((ctx, ticket) => {
      const comments = ctx.data.thread(ticket).comments;
      const cursor = wantsCursor(ctx.query);
      const desc = cursor ? ctx.query.get('sort') === '-created_at' : ctx.query.get('sort_order') === 'desc';
      const ordered = desc ? [...comments].reverse() : comments;
      const render = (c: (typeof comments)[number]): unknown => zdComment(c, 'web');
      const reply = listOf(ctx, ordered, 'comments', render);
      if (!includes(ctx).includes('users') || reply.status !== 200) return reply;
      const body = JSON.parse(reply.body) as { comments: { author_id: number }[] };
      return json(200, {
        ...body,
        users: sideLoadedUsers(ctx, new Set(body.comments.map((c) => String(c.author_id)))),
      });
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/tickets/:id/audits',
    handle: withTicket((ctx, ticket) => {
      const thread = ctx.data.thread(ticket);
      const render = (a: (typeof thread.audits)[number]): unknown => zdAudit(a, ticket, thread);
      // Archived tickets' audits come in one piece, without pagination.
      const reply = ticket.archived
        ? json(200, {
            audits: thread.audits.map(render),
            next_page: null,
            previous_page: null,
            count: thread.audits.length,
          })
        : listOf(ctx, thread.audits, 'audits', render);
      if (!includes(ctx).includes('users') || reply.status !== 200) return reply;
      // The authors of the audits and of their Comment events, as Zendesk side-loads them.
      const body = JSON.parse(reply.body) as {
        audits: { author_id: number; events: { type: string; author_id?: number }[] }[];
      };
      const ids = new Set<string>();
      for (const audit of body.audits) {
        ids.add(String(audit.author_id));
        for (const event of audit.events) if (event.type === 'Comment') ids.add(String(event.author_id));
      }
      return json(200, { ...body, users: sideLoadedUsers(ctx, ids) });
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/tickets/:id/tags',
    handle: withTicket((_ctx, t) => json(200, { tags: t.tags })),
  },
  { method: 'PUT', pattern: '/api/v2/tickets/:id/tags', handle: colliding(tagsWrite('add')) },
  { method: 'POST', pattern: '/api/v2/tickets/:id/tags', handle: colliding(tagsWrite('set')) },
  { method: 'DELETE', pattern: '/api/v2/tickets/:id/tags', handle: colliding(tagsWrite('remove')) },
  {
    method: 'GET',
    pattern: '/api/v2/groups',
    handle: agentOnly((ctx) =>
      listOf(ctx, [...ctx.account.groups.values()], 'groups', (g) => zdGroup(g, ctx.origin)),
    ),
  },
  {
    method: 'GET',
    pattern: '/api/v2/groups/:id',
    handle: agentOnly((ctx, p) => {
      const group = ctx.account.groups.get(p.id ?? '');
      return group ? json(200, { group: zdGroup(group, ctx.origin) }) : zdErrors.notFound();
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/organizations/:id',
    handle: agentOnly((ctx, p) => {
      const org = ctx.account.organizations.get(p.id ?? '');
      return org ? json(200, { organization: zdOrganization(org, ctx.origin) }) : zdErrors.notFound();
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/ticket_fields',
    handle: agentOnly((ctx) =>
      json(200, {
        ticket_fields: ctx.account.ticketFields.map((f, i) => ({
          url: `${ctx.origin}/api/v2/ticket_fields/${f.id}.json`,
          id: Number(f.id),
          type: f.type,
          title: f.title,
          raw_title: f.title,
          description: '',
          raw_description: '',
          position: i + 1,
          active: true,
          required: false,
          collapsed_for_agents: false,
          regexp_for_validation: null,
          title_in_portal: f.title,
          raw_title_in_portal: f.title,
          visible_in_portal: false,
          editable_in_portal: false,
          required_in_portal: false,
          tag: null,
          created_at: '2023-09-09T23:52:02Z',
          updated_at: '2023-09-09T23:52:02Z',
          removable: true,
          agent_description: null,
          // Only drop-down fields carry options (zendesk/ticket_fields.json, recorded).
          ...(f.type === 'tagger'
            ? {
                custom_field_options: f.choices.map((c, k) => ({
                  id: Number(f.id) + k + 1,
                  name: c.label,
                  raw_name: c.label,
                  value: c.value,
                  default: false,
                })),
              }
            : {}),
        })),
        next_page: null,
        previous_page: null,
        count: ctx.account.ticketFields.length,
      }),
    ),
  },
  {
    method: 'GET',
    pattern: '/api/v2/custom_statuses',
    handle: agentOnly((ctx) =>
      json(200, {
        custom_statuses: ctx.account.customStatuses.map((s) => ({
          id: Number(s.id),
          status_category: s.category,
          agent_label: s.agentLabel,
          end_user_label: s.agentLabel,
          description: '',
          active: true,
          default: ['New', 'Open', 'Pending', 'On-hold', 'Solved'].includes(s.agentLabel),
          created_at: '2023-09-09T23:52:02Z',
          updated_at: '2023-09-09T23:52:02Z',
        })),
      }),
    ),
  },
  { method: 'GET', pattern: '/api/v2/search', handle: agentOnly((ctx, _p, actor) => search(ctx, actor)) },
];
