import { z } from 'zod';
import { JsonId, JsonTime } from '../parse';

/*
 * Zendesk API v2 responses. z.object strips unknown fields, so new fields never break
 * us; the fields we read are strict. Shapes: helpdesk-apis.md §1.3 and the fixtures.
 */

export const ZendeskTicket = z.object({
  id: JsonId,
  subject: z.string().nullable(),
  status: z.string(),
  priority: z.string().nullable(),
  via: z.object({ channel: z.string().nullable() }).nullish(),
  created_at: JsonTime,
  updated_at: JsonTime,
  requester_id: JsonId,
  assignee_id: JsonId.nullable(),
  group_id: JsonId.nullable(),
  organization_id: JsonId.nullish(),
  tags: z.array(z.string()),
});
export type ZendeskTicket = z.output<typeof ZendeskTicket>;

export const ZendeskUser = z.object({
  id: JsonId,
  name: z.string(),
  email: z.string().nullish(),
  role: z.string(),
  organization_id: JsonId.nullish(),
});
export type ZendeskUser = z.output<typeof ZendeskUser>;

export const ZendeskGroup = z.object({
  id: JsonId,
  name: z.string(),
  deleted: z.boolean().optional(),
});
export type ZendeskGroup = z.output<typeof ZendeskGroup>;

export const ZendeskOrganization = z.object({ id: JsonId, name: z.string() });

/**
 * Cursor pagination. Loop on `has_more`: real responses keep `links.next` set on the
 * last page. Absent `meta` means an unpaginated answer (audits of archived tickets).
 */
const CursorMeta = z.object({ has_more: z.boolean(), after_cursor: z.string().nullable() }).optional();

/** `users/me` answers 200 with an anonymous user (no id) when signed out. */
export const ZendeskMeResponse = z.object({
  user: z.object({
    id: JsonId.nullable().optional(),
    name: z.string(),
    email: z.string().nullish(),
    role: z.string().nullish(),
  }),
});

export const ZendeskTicketResponse = z.object({
  ticket: ZendeskTicket,
  users: z.array(ZendeskUser).default([]),
  groups: z.array(ZendeskGroup).default([]),
  organizations: z.array(ZendeskOrganization).default([]),
});

export const ZendeskUserResponse = z.object({ user: ZendeskUser });
export const ZendeskUsersResponse = z.object({ users: z.array(ZendeskUser) });

/** `tickets/show_many`: unknown ids are simply absent. */
export const ZendeskTicketsResponse = z.object({ tickets: z.array(ZendeskTicket) });

export const ZendeskTicketsPage = z.object({ tickets: z.array(ZendeskTicket), meta: CursorMeta });

/** Search is offset-only; `count` is the true total, `next_page` a full URL or null. */
export const ZendeskSearchPage = z.object({
  results: z.array(ZendeskTicket),
  next_page: z.string().nullable(),
  count: z.number().int().nonnegative(),
});

const ASSIGNMENT_FIELDS = new Set(['assignee_id', 'group_id']);
// Change/Create values on id fields are strings (helpdesk-apis.md §1.3); "" or null means none.
const IdValue = z.union([z.string().regex(/^\d{1,20}$/), z.literal(''), z.null()]);

/** What a `Comment` event must carry: the thread is read from the audits. */
const CommentEventFields = z.object({
  id: JsonId,
  // Absent in Zendesk's own documentation example: then the author is not verified.
  author_id: z.number().int().optional(),
  body: z.string(),
  plain_body: z.string().optional(),
  public: z.boolean(),
});

/** Assignment Change/Create events and Comment events are read closely; every other event just passes. */
export const ZendeskAuditEvent = z
  .object({
    type: z.string(),
    field_name: z.string().optional(),
    value: z.unknown().optional(),
    previous_value: z.unknown().optional(),
    id: z.unknown().optional(),
    author_id: z.unknown().optional(),
    body: z.unknown().optional(),
    plain_body: z.unknown().optional(),
    public: z.unknown().optional(),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'Comment') {
      for (const issue of CommentEventFields.safeParse(event).error?.issues ?? [])
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return;
    }
    if (
      (event.type !== 'Change' && event.type !== 'Create') ||
      !ASSIGNMENT_FIELDS.has(event.field_name ?? '')
    ) {
      return;
    }
    const keys = event.type === 'Change' ? (['value', 'previous_value'] as const) : (['value'] as const);
    for (const key of keys) {
      if (!IdValue.safeParse(event[key] ?? null).success) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'expected an id as a string, "" or null' });
      }
    }
  });
export type ZendeskAuditEvent = z.output<typeof ZendeskAuditEvent>;

export const ZendeskAudit = z.object({
  id: JsonId,
  created_at: JsonTime,
  // System audits use negative author ids (-1).
  author_id: z.number().int(),
  events: z.array(ZendeskAuditEvent),
});
export type ZendeskAudit = z.output<typeof ZendeskAudit>;

/** With `include=users`: the authors, whose role says who is an agent. */
export const ZendeskAuditsPage = z.object({
  audits: z.array(ZendeskAudit),
  users: z.array(ZendeskUser).default([]),
  meta: CursorMeta,
});

/** A Comment event of an audit, once the audit's schema has checked its fields. */
export const commentOfEvent = (event: ZendeskAuditEvent): z.output<typeof CommentEventFields> | null =>
  event.type === 'Comment' ? CommentEventFields.parse(event) : null;

export const ZendeskGroupsPage = z.object({ groups: z.array(ZendeskGroup), meta: CursorMeta });

/** The Comment event of the audit a `PUT tickets/:id` with a comment creates. */
export const ZendeskCommentEvent = z.object({
  id: JsonId,
  type: z.literal('Comment'),
  author_id: z.number().int().optional(),
  body: z.string(),
  plain_body: z.string().optional(),
  public: z.boolean(),
});

export const ZendeskUpdateResponse = z.object({
  ticket: ZendeskTicket,
  audit: ZendeskAudit.extend({ events: z.array(z.unknown()) }),
});
