import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ID_PLANS } from './ids';
import type { SimAccount, SimAudit, SimComment, SimThread, SimTicket } from './model';
import { TicketMap } from './tag-index';
import { commentHtml } from './thread';

/**
 * The JSON data-set format (documented in test/sim/README.md). Ids may be JSON numbers
 * below 2^53 or digit strings; give them as strings when they might be larger.
 */
const Id = z
  .union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative().refine(Number.isSafeInteger)])
  .transform(String);
const Time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 time');
const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const Comment = z.object({
  id: Id,
  authorId: Id,
  body: z.string(),
  html: z.string().optional(),
  public: z.boolean().default(true),
  createdAt: Time,
});

const Change = z.object({
  at: Time,
  authorId: Id,
  field: z.enum(['assignee_id', 'group_id', 'status']),
  /** Ids for assignee/group changes, status names or numbers for status changes. */
  from: z.union([z.string(), z.number()]).transform(String).nullable(),
  to: z.union([z.string(), z.number()]).transform(String).nullable(),
});

const Ticket = z.object({
  id: Id,
  subject: z.string(),
  description: z.string().optional(),
  status: z.union([z.string(), z.number().int()]).transform(String),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable().default(null),
  type: z.enum(['question', 'incident', 'problem', 'task']).nullable().default(null),
  channel: z.enum(['email', 'web', 'api', 'chat', 'phone']).default('email'),
  requesterId: Id,
  assigneeId: Id.nullable().default(null),
  groupId: Id.nullable().default(null),
  organizationId: Id.nullable().default(null),
  tags: z.array(z.string()).default([]),
  customFields: z.record(z.string(), Value).default({}),
  customStatusId: Id.nullable().default(null),
  createdAt: Time,
  updatedAt: Time.optional(),
  archived: z.boolean().default(false),
  comments: z.array(Comment).default([]),
  changes: z.array(Change).default([]),
});

const Person = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable().default(null),
  timeZone: z.string().default('Etc/UTC'),
  organizationId: Id.nullable().default(null),
  createdAt: Time.default('2020-01-01T00:00:00Z'),
});

const Account = z.object({
  host: z.string().regex(/^[a-z0-9-]+\.(zendesk|freshdesk)\.com$/),
  helpdesk: z.enum(['zendesk', 'freshdesk']),
  name: z.string().default('Imported'),
  apiToken: z.string().default('dataset-token'),
  groups: z.array(
    z.object({
      id: Id,
      name: z.string(),
      description: z.string().default(''),
      escalation: z.boolean().default(false),
      default: z.boolean().default(false),
      createdAt: Time.default('2020-01-01T00:00:00Z'),
    }),
  ),
  organizations: z.array(z.object({ id: Id, name: z.string() })).default([]),
  agents: z.array(
    Person.extend({
      role: z.enum(['agent', 'admin']).default('agent'),
      groupIds: z.array(Id).default([]),
      apiKey: z.string().nullable().default(null),
    }),
  ),
  customers: z.array(Person),
  ticketFields: z
    .array(
      z.object({
        id: Id,
        key: z.string().optional(),
        title: z.string(),
        type: z.enum(['text', 'decimal', 'tagger', 'checkbox', 'integer']),
        choices: z.array(z.object({ value: z.string(), label: z.string() })).default([]),
      }),
    )
    .default([]),
  customStatuses: z
    .array(
      z.object({
        id: Id,
        category: z.enum(['new', 'open', 'pending', 'hold', 'solved']),
        agentLabel: z.string(),
      }),
    )
    .default([]),
  tickets: z.array(Ticket),
});

export const DataSet = z.object({ version: z.literal(1), accounts: z.array(Account).min(1) });
export type DataSet = z.input<typeof DataSet>;

type ParsedTicket = z.infer<typeof Ticket>;

function buildThread(t: ParsedTicket, account: SimAccount, next: () => string): SimThread {
  const comments: SimComment[] = [];
  const audits: SimAudit[] = [];
  const sorted = [...t.comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  sorted.forEach((c, i) => {
    const auditId = next();
    comments.push({
      id: c.id,
      authorId: c.authorId,
      body: c.body,
      html: c.html ?? commentHtml(account.helpdesk, c.body, false),
      public: c.public,
      incoming: c.authorId === t.requesterId,
      createdAt: c.createdAt,
      auditId,
    });
    audits.push({
      id: auditId,
      createdAt: c.createdAt,
      authorId: c.authorId,
      channel: i === 0 ? t.channel : 'web',
      commentId: c.id,
      changes:
        i === 0
          ? [
              { kind: 'Create', field: 'requester_id', value: t.requesterId, previous: null },
              { kind: 'Create', field: 'subject', value: t.subject, previous: null },
            ]
          : [],
    });
  });
  for (const change of t.changes)
    audits.push({
      id: next(),
      createdAt: change.at,
      authorId: change.authorId,
      channel: 'web',
      commentId: null,
      changes: [{ kind: 'Change', field: change.field, value: change.to, previous: change.from }],
    });
  audits.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return { comments, audits };
}

/** Builds simulator accounts from a parsed data set; every reference must resolve. */
export function accountsFromDataSet(input: unknown): SimAccount[] {
  const set = DataSet.parse(input);
  return set.accounts.map((a) => {
    const account: SimAccount = {
      host: a.host,
      helpdesk: a.helpdesk,
      name: a.name,
      apiToken: a.apiToken,
      users: new Map(),
      groups: new Map(),
      organizations: new Map(),
      tickets: new TicketMap(),
      byRequester: new Map(),
      ticketFields: a.ticketFields.map((f) => ({ ...f, key: f.key ?? f.id })),
      customStatuses: a.customStatuses,
      nextId: ID_PLANS[a.helpdesk].runtime,
      nextTicketId: 1,
      makeThread: null,
    };
    const next = (): string => {
      account.nextId += 2;
      return String(account.nextId);
    };
    for (const g of a.groups)
      account.groups.set(g.id, {
        id: g.id,
        name: g.name,
        description: g.description,
        createdAt: g.createdAt,
        updatedAt: g.createdAt,
        escalation: g.escalation,
        isDefault: g.default,
      });
    for (const o of a.organizations)
      account.organizations.set(o.id, {
        id: o.id,
        name: o.name,
        createdAt: '2020-01-01T00:00:00Z',
        updatedAt: '2020-01-01T00:00:00Z',
      });
    for (const p of a.agents) account.users.set(p.id, { ...p, updatedAt: p.createdAt, apiKey: p.apiKey });
    for (const p of a.customers)
      account.users.set(p.id, { ...p, role: 'end-user', updatedAt: p.createdAt, groupIds: [], apiKey: null });
    const check = (what: string, id: string | null, table: Map<string, unknown>): void => {
      if (id !== null && !table.has(id)) throw new Error(`${a.host}: ${what} ${id} is not in the data set`);
    };
    const tickets = [...a.tickets].sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt));
    for (const t of tickets) {
      check(`ticket ${t.id} requester`, t.requesterId, account.users);
      check(`ticket ${t.id} assignee`, t.assigneeId, account.users);
      check(`ticket ${t.id} group`, t.groupId, account.groups);
      for (const c of t.comments) check(`ticket ${t.id} comment author`, c.authorId, account.users);
      const thread = buildThread(t, account, next);
      const ticket: SimTicket = {
        account: a.host,
        helpdesk: a.helpdesk,
        id: t.id,
        subject: t.subject,
        description: t.description ?? thread.comments[0]?.body ?? '',
        status: t.status,
        priority: t.priority,
        type: t.type,
        channel: t.channel,
        requesterId: t.requesterId,
        submitterId: t.requesterId,
        assigneeId: t.assigneeId,
        groupId: t.groupId,
        organizationId: t.organizationId,
        tags: t.tags,
        customFields: t.customFields,
        customStatusId: t.customStatusId,
        createdAt: t.createdAt,
        updatedAt: t.updatedAt ?? t.createdAt,
        archived: t.archived,
        thread,
        version: 1,
      };
      account.tickets.set(ticket.id, ticket);
      const list = account.byRequester.get(ticket.requesterId) ?? [];
      list.push(ticket);
      account.byRequester.set(ticket.requesterId, list);
      account.nextTicketId = Math.max(account.nextTicketId, Number(ticket.id) + 1);
    }
    return account;
  });
}

export async function loadDataSet(path: string): Promise<SimAccount[]> {
  return accountsFromDataSet(JSON.parse(await readFile(path, 'utf8')));
}
