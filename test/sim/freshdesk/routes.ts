import type { Priority, SimTicket, SimTicketField, SimUser } from '../data/model';
import { applyUpdate, type TicketChanges } from '../data/mutate';
import { TicketMap } from '../data/tag-index';
import { type ApiContext, isRecord } from '../http/context';
import { json, type Reply } from '../http/reply';
import type { Route } from '../http/router';
import { type FieldError, fdErrors, invalidField, invalidValue } from './errors';
import { compileFilter, type Filter } from './search';
import { fdAgent, fdContact, fdConversation, fdConversations, fdGroup, fdStats, fdTicket } from './serialize';
import { canSee, RESOLVED_FOR_CUSTOMERS, requesterApplies, ticketScope } from './visibility';

type Handler = (ctx: ApiContext, params: Record<string, string>) => Reply;

const DAY = 86_400_000;
/** Without `updated_since`, the ticket list only shows tickets created in the last 30 days. */
export const DEFAULT_WINDOW_DAYS = 30;
const MAX_LIST_PAGES = 300;
const SEARCH_PAGE_SIZE = 30;
const SEARCH_MAX_PAGE = 10;

const agentOnly =
  (handler: (ctx: ApiContext, params: Record<string, string>, actor: SimUser) => Reply): Handler =>
  (ctx, params) =>
    ctx.actor ? handler(ctx, params, ctx.actor) : fdErrors.unauthorized();

/** Live tickets only: archived ones answer 404 here and live at `/tickets/archived/:id`. */
const withTicket = (
  handler: (ctx: ApiContext, ticket: SimTicket, actor: SimUser) => Reply,
  archived = false,
): Handler =>
  agentOnly((ctx, params, actor) => {
    const ticket = ctx.account.tickets.get(params.id ?? '');
    if (!ticket || ticket.archived !== archived) return fdErrors.notFound();
    return canSee(ctx.settings.freshdesk, actor, ticket) ? handler(ctx, ticket, actor) : fdErrors.forbidden();
  });

const includes = (ctx: ApiContext): string[] => (ctx.query.get('include') ?? '').split(',').filter(Boolean);

/** Freshdesk charges one credit a call plus two per include (X-RateLimit-Used-CurrentRequest). */
export function freshdeskCost(query: URLSearchParams): number {
  return 1 + 2 * (query.get('include') ?? '').split(',').filter(Boolean).length;
}

interface PageArgs {
  page: number;
  perPage: number;
}

function pageArgs(ctx: ApiContext, maxPage: number): PageArgs | Reply {
  const page = Number(ctx.query.get('page') ?? '1');
  const perPage = Number(ctx.query.get('per_page') ?? '30');
  const errors = [];
  if (!Number.isInteger(page) || page < 1 || page > maxPage)
    errors.push(invalidValue('page', `It should be a Positive Integer less than or equal to ${maxPage}`));
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    errors.push(invalidValue('per_page', 'It should be a Positive Integer less than or equal to 100'));
  return errors.length > 0 ? fdErrors.validation(...errors) : { page, perPage };
}

/** A bare array; the next page exists only if the `Link` header says so. */
function linkedPage<T>(ctx: ApiContext, items: T[], render: (item: T) => unknown): Reply {
  const args = pageArgs(ctx, MAX_LIST_PAGES);
  if ('status' in args) return args;
  const start = (args.page - 1) * args.perPage;
  const page = items.slice(start, start + args.perPage);
  const headers: Record<string, string> = {};
  if (start + args.perPage < items.length && args.page < MAX_LIST_PAGES) {
    const params = new URLSearchParams(ctx.query);
    params.set('page', String(args.page + 1));
    params.set('per_page', String(args.perPage));
    headers.link = `<${ctx.origin}${ctx.path}?${params.toString()}>; rel="next"`;
  }
  return json(200, page.map(render), headers);
}

function showTicket(ctx: ApiContext, ticket: SimTicket): Reply {
  const body = fdTicket(ticket, ctx.account);
  const include = includes(ctx);
  const thread = ctx.data.thread(ticket);
  if (include.includes('conversations'))
    // At most ten, oldest first: the rest only through /conversations.
    body.conversations = fdConversations(thread)
      .slice(0, 10)
      .map((c) => fdConversation(c, ticket, ctx.account, ctx.account.users.get(c.authorId)));
  if (include.includes('requester')) {
    const r = ctx.account.users.get(ticket.requesterId);
    body.requester = r
      ? { id: Number(r.id), name: r.name, email: r.email, mobile: null, phone: r.phone }
      : null;
  }
  if (include.includes('company')) {
    const org = ticket.organizationId ? ctx.account.organizations.get(ticket.organizationId) : undefined;
    body.company = org ? { id: Number(org.id), name: org.name } : {};
  }
  if (include.includes('stats')) body.stats = fdStats(ticket, thread);
  return json(200, body);
}

function conversations(ctx: ApiContext, ticket: SimTicket): Reply {
  const list = fdConversations(ctx.data.thread(ticket));
  return linkedPage(ctx, list, (c) =>
    fdConversation(c, ticket, ctx.account, ctx.account.users.get(c.authorId)),
  );
}

function listTickets(ctx: ApiContext): Reply {
  const q = ctx.query;
  const allowedIncludes = ['requester', 'stats', 'description'];
  const bad = includes(ctx).filter((i) => !allowedIncludes.includes(i));
  if (bad.length > 0)
    return fdErrors.validation(
      invalidValue('include', `It should be one of these values: '${allowedIncludes.join(',')}'`),
    );
  let pool: SimTicket[];
  const byRequester = requesterApplies(ctx.settings.freshdesk, q.get('updated_since'));
  const requesterId = byRequester ? q.get('requester_id') : null;
  const email = byRequester ? q.get('email') : null;
  if (requesterId) pool = ctx.data.requesterTickets(ctx.account.host, requesterId);
  else if (email) {
    const user = [...ctx.account.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
    pool = user ? ctx.data.requesterTickets(ctx.account.host, user.id) : [];
  } else if (q.get('company_id'))
    pool = [...ctx.account.tickets.values()].filter((t) => t.organizationId === q.get('company_id'));
  else pool = [...ctx.account.tickets.values()];
  const since = q.get('updated_since');
  if (since !== null && Number.isNaN(Date.parse(since)))
    return fdErrors.validation(invalidValue('updated_since', 'It should be in the ISO 8601 format'));
  const windowStart = Date.now() - DEFAULT_WINDOW_DAYS * DAY;
  let found = pool.filter(
    (t) =>
      !t.archived &&
      canSee(ctx.settings.freshdesk, ctx.actor, t) &&
      (since !== null
        ? Date.parse(t.updatedAt) >= Date.parse(since)
        : Date.parse(t.createdAt) >= windowStart),
  );
  const filter = q.get('filter');
  if (filter === 'new_and_my_open')
    found = found.filter(
      (t) => t.status === '2' && (t.assigneeId === null || t.assigneeId === ctx.actor?.id),
    );
  else if (filter === 'spam' || filter === 'deleted') found = [];
  else if (filter !== null && filter !== 'watching')
    return fdErrors.validation(
      invalidValue('filter', "It should be one of these values: 'new_and_my_open,watching,spam,deleted'"),
    );
  const orderBy = q.get('order_by') ?? 'created_at';
  const keys: Record<string, (t: SimTicket) => string | number> = {
    created_at: (t) => t.createdAt,
    updated_at: (t) => t.updatedAt,
    due_by: (t) => t.createdAt,
    status: (t) => Number(t.status),
  };
  const key = keys[orderBy];
  if (!key)
    return fdErrors.validation(
      invalidValue('order_by', "It should be one of these values: 'created_at,due_by,updated_at,status'"),
    );
  const dir = q.get('order_type') === 'asc' ? 1 : -1;
  const sorted = [...found].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return ((x < y ? -1 : x > y ? 1 : 0) || Number(a.id) - Number(b.id)) * dir;
  });
  const include = includes(ctx);
  return linkedPage(ctx, sorted, (t) => {
    const body = fdTicket(t, ctx.account, include.includes('description'));
    if (include.includes('requester')) {
      const r = ctx.account.users.get(t.requesterId);
      body.requester = r
        ? { id: Number(r.id), name: r.name, email: r.email, mobile: null, phone: r.phone }
        : null;
    }
    if (include.includes('stats')) body.stats = fdStats(t, ctx.data.thread(t));
    return body;
  });
}

function search(ctx: ApiContext): Reply {
  const raw = ctx.query.get('query');
  if (raw === null || !/^".*"$/s.test(raw) || raw.length > 514)
    return fdErrors.validation(
      invalidValue('query', 'It should be a/an String within double quotes, at most 512 characters long'),
    );
  const page = Number(ctx.query.get('page') ?? '1');
  if (!Number.isInteger(page) || page < 1 || page > SEARCH_MAX_PAGE)
    return fdErrors.validation(
      invalidValue('page', `It should be a Positive Integer less than or equal to ${SEARCH_MAX_PAGE}`),
    );
  let filter: Filter;
  try {
    filter = compileFilter(raw.slice(1, -1), ctx.account);
  } catch (error) {
    return fdErrors.validation(invalidValue('query', `Invalid query: ${(error as Error).message}`));
  }
  const { tickets } = ctx.account;
  const pool =
    filter.tag !== null && tickets instanceof TicketMap ? tickets.withTag(filter.tag) : tickets.values();
  const found: SimTicket[] = [];
  for (const t of pool)
    if (!t.archived && filter.matches(t) && canSee(ctx.settings.freshdesk, ctx.actor, t)) found.push(t);
  found.sort((a, b) =>
    a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : Number(b.id) - Number(a.id),
  );
  const start = (page - 1) * SEARCH_PAGE_SIZE;
  return json(200, {
    results: found.slice(start, start + SEARCH_PAGE_SIZE).map((t) => fdTicket(t, ctx.account)),
    total: found.length,
  });
}

const NOTE_FIELDS = ['body', 'private', 'incoming', 'user_id', 'notify_emails'];

function addNote(ctx: ApiContext, ticket: SimTicket, actor: SimUser): Reply {
  if (!isRecord(ctx.body))
    return fdErrors.validation({ field: 'body', message: 'Missing JSON body', code: 'invalid_json' });
  const body = ctx.body;
  const unknown = Object.keys(body).filter((k) => !NOTE_FIELDS.includes(k));
  if (unknown.length > 0) return fdErrors.validation(...unknown.map(invalidField));
  if (typeof body.body !== 'string' || body.body.trim() === '')
    return fdErrors.validation({
      field: 'body',
      message: 'It should not be blank as this is a mandatory field',
      code: 'missing_field',
    });
  if (body.private !== undefined && typeof body.private !== 'boolean')
    return fdErrors.validation({
      field: 'private',
      message: 'It should be a/an Boolean',
      code: 'datatype_mismatch',
    });
  if (Array.isArray(body.notify_emails)) {
    const agentEmails = [...ctx.account.users.values()]
      .filter((u) => u.role !== 'end-user')
      .map((u) => u.email);
    if (body.notify_emails.some((e) => typeof e !== 'string' || !agentEmails.includes(e)))
      return fdErrors.validation(invalidValue('notify_emails', 'Accepts only emails of agents'));
  }
  const html = body.body;
  const text = html.replace(/<[^>]*>/g, '').trim();
  const isPrivate = body.private !== false;
  const { comment } = applyUpdate(
    ctx.data,
    ticket,
    actor.id,
    {},
    { authorId: actor.id, body: text, html, public: !isPrivate, incoming: body.incoming === true },
    'api',
  );
  if (!comment) return fdErrors.notFound();
  return json(201, {
    body: comment.html,
    body_text: comment.body,
    id: Number(comment.id),
    incoming: comment.incoming,
    private: !comment.public,
    user_id: Number(comment.authorId),
    support_email: null,
    source: 2,
    category: 2,
    ticket_id: Number(ticket.id),
    to_emails: [],
    from_email: null,
    cc_emails: [],
    bcc_emails: null,
    notified_to: Array.isArray(body.notify_emails) ? body.notify_emails : [],
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    attachments: [],
  });
}

/** Freshdesk's `type` of a custom field (developers.freshdesk.com/api/#ticket_fields). */
const FD_FIELD_TYPES: Partial<Record<SimTicketField['type'], string>> = {
  tagger: 'custom_dropdown',
  decimal: 'custom_decimal',
  textarea: 'custom_paragraph',
};

/**
 * Freshdesk refuses a tag longer than 32 characters with this error (Freshdesk's own API
 * tests, tickets_controller_test `test_create_length_invalid`, and a report of the real API
 * refusing a 36-character tag: test/sim/README.md "Team index").
 */
export const FD_TAG_MAX = 32;
const tagTooLong = (): FieldError =>
  invalidValue('tags', `It should only contain elements that have maximum of ${FD_TAG_MAX} characters`);

const UPDATE_FIELDS = [
  'subject',
  'status',
  'priority',
  'tags',
  'custom_fields',
  'responder_id',
  'group_id',
  'type',
  'description',
];
const PRIORITY_BY_NUMBER: Record<number, Priority> = { 1: 'low', 2: 'normal', 3: 'high', 4: 'urgent' };

function updateTicket(ctx: ApiContext, ticket: SimTicket, actor: SimUser): Reply {
  if (!isRecord(ctx.body))
    return fdErrors.validation({ field: 'body', message: 'Missing JSON body', code: 'invalid_json' });
  const body = ctx.body;
  const unknown = Object.keys(body).filter((k) => !UPDATE_FIELDS.includes(k));
  if (unknown.length > 0) return fdErrors.validation(...unknown.map(invalidField));
  const changes: TicketChanges = {};
  const statuses = ['2', '3', '4', '5', ...ctx.account.customStatuses.map((s) => s.id)];
  if (body.status !== undefined) {
    if (!statuses.includes(String(body.status)) || typeof body.status !== 'number')
      return fdErrors.validation(
        invalidValue('status', `It should be one of these values: '${statuses.join(',')}'`),
      );
    changes.status = String(body.status);
  }
  if (body.priority !== undefined) {
    const p = PRIORITY_BY_NUMBER[Number(body.priority)];
    if (!p || typeof body.priority !== 'number')
      return fdErrors.validation(invalidValue('priority', "It should be one of these values: '1,2,3,4'"));
    changes.priority = p;
  }
  if (typeof body.subject === 'string') changes.subject = body.subject;
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== 'string'))
      return fdErrors.validation({
        field: 'tags',
        message: 'It should be a/an Array',
        code: 'datatype_mismatch',
      });
    if ((body.tags as string[]).some((t) => t.length > FD_TAG_MAX)) return fdErrors.validation(tagTooLong());
    // A plain tags write replaces the whole list: there is no add-tag call in v2.
    changes.tags = [...new Set(body.tags as string[])];
  }
  for (const [key, field, table] of [
    ['responder_id', 'assigneeId', 'users'],
    ['group_id', 'groupId', 'groups'],
  ] as const) {
    if (!(key in body)) continue;
    const value = body[key];
    if (value === null) changes[field] = null;
    else if (typeof value === 'number' && ctx.account[table].has(String(value)))
      changes[field] = String(value);
    else
      return fdErrors.validation(
        invalidValue(key, `There is no ${key === 'group_id' ? 'group' : 'agent'} matching the given ${key}`),
      );
  }
  if (body.custom_fields !== undefined) {
    if (!isRecord(body.custom_fields))
      return fdErrors.validation({
        field: 'custom_fields',
        message: 'It should be a/an key/value pair',
        code: 'datatype_mismatch',
      });
    changes.customFields = {};
    for (const [key, value] of Object.entries(body.custom_fields)) {
      const field = ctx.account.ticketFields.find((f) => f.key === key);
      if (!field) return fdErrors.validation(invalidField(`custom_fields.${key}`));
      if (field.type === 'tagger' && value !== null && !field.choices.some((c) => c.value === value))
        return fdErrors.validation(
          invalidValue(
            `custom_fields.${key}`,
            `It should be one of these values: '${field.choices.map((c) => c.value).join(',')}'`,
          ),
        );
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
        return fdErrors.validation({
          field: `custom_fields.${key}`,
          message: 'Value set is of type Object',
          code: 'datatype_mismatch',
        });
      changes.customFields[key] = value as string | number | boolean | null;
    }
  }
  applyUpdate(ctx.data, ticket, actor.id, changes, undefined, 'api');
  return json(200, fdTicket(ticket, ctx.account));
}

export const freshdeskRoutes: Route<ApiContext>[] = [
  {
    method: 'GET',
    pattern: '/api/v2/agents/me',
    handle: agentOnly((ctx, _p, actor) =>
      json(200, { ...fdAgent(actor), ticket_scope: ticketScope(ctx.settings.freshdesk, actor) }),
    ),
  },
  {
    method: 'GET',
    pattern: '/api/v2/agents/:id',
    handle: agentOnly((ctx, p) => {
      const agent = ctx.account.users.get(p.id ?? '');
      return agent && agent.role !== 'end-user' ? json(200, fdAgent(agent)) : fdErrors.notFound();
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/contacts/:id',
    handle: agentOnly((ctx, p) => {
      const contact = ctx.account.users.get(p.id ?? '');
      return contact && contact.role === 'end-user' ? json(200, fdContact(contact)) : fdErrors.notFound();
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/groups',
    handle: agentOnly((ctx) =>
      linkedPage(ctx, [...ctx.account.groups.values()], (g) => fdGroup(g, ctx.account)),
    ),
  },
  {
    method: 'GET',
    pattern: '/api/v2/groups/:id',
    handle: agentOnly((ctx, p) => {
      const group = ctx.account.groups.get(p.id ?? '');
      return group ? json(200, fdGroup(group, ctx.account)) : fdErrors.notFound();
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v2/ticket_fields',
    handle: agentOnly((ctx) => {
      const statusChoices: Record<string, string[]> = {
        '2': ['Open', 'Being Processed'],
        '3': ['Pending', 'Awaiting your Reply'],
        '4': ['Resolved', 'This ticket has been Resolved'],
        '5': ['Closed', 'This ticket has been Closed'],
      };
      for (const s of ctx.account.customStatuses)
        statusChoices[s.id] = [s.agentLabel, s.category === 'solved' ? RESOLVED_FOR_CUSTOMERS : s.agentLabel];
      const base = {
        description: null,
        position: 1,
        required_for_closure: false,
        required_for_agents: false,
        required_for_customers: false,
        customers_can_edit: false,
        created_at: '2023-01-01T00:00:00Z',
        updated_at: '2023-01-01T00:00:00Z',
      };
      return json(200, [
        {
          ...base,
          id: 501002000100,
          name: 'status',
          label: 'Status',
          label_for_customers: 'Status',
          type: 'default_status',
          default: true,
          choices: statusChoices,
        },
        ...ctx.account.ticketFields.map((f, i) => ({
          ...base,
          id: Number(f.id),
          name: f.key,
          label: f.title,
          label_for_customers: f.title,
          position: i + 2,
          type: FD_FIELD_TYPES[f.type] ?? 'custom_text',
          default: false,
          ...(f.type === 'tagger' ? { choices: f.choices.map((c) => c.value) } : {}),
        })),
      ]);
    }),
  },
  { method: 'GET', pattern: '/api/v2/tickets', handle: agentOnly(listTickets) },
  { method: 'GET', pattern: '/api/v2/search/tickets', handle: agentOnly(search) },
  {
    method: 'GET',
    pattern: '/api/v2/tickets/archived/:id',
    handle: withTicket((ctx, t) => showTicket(ctx, t), true),
  },
  {
    method: 'GET',
    pattern: '/api/v2/tickets/archived/:id/conversations',
    handle: withTicket(conversations, true),
  },
  { method: 'GET', pattern: '/api/v2/tickets/:id', handle: withTicket((ctx, t) => showTicket(ctx, t)) },
  { method: 'PUT', pattern: '/api/v2/tickets/:id', handle: withTicket(updateTicket) },
  { method: 'GET', pattern: '/api/v2/tickets/:id/conversations', handle: withTicket(conversations) },
  { method: 'POST', pattern: '/api/v2/tickets/:id/notes', handle: withTicket(addNote) },
];
