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
  /** `[{id, value}]`; read only for the ledger field (ledger-field.ts), so any shape passes here. */
  custom_fields: z.unknown().optional(),
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

// Change/Create values on id fields are strings (helpdesk-apis.md §1.3); "" or null means none.
const IdValue = z.union([z.string().regex(/^\d{1,20}$/), z.literal(''), z.null()]);

/**
 * How a change was made. `channel: "rule"` with `source.rel` "trigger" or "automation" is a
 * business rule, and `source.from` names it ({id, title}): Zendesk's "Via object reference"
 * (developer.zendesk.com/documentation/ticketing/reference-guides/via-object-reference) shows
 * exactly that example. Anything odd reads as unknown rather than failing the audit.
 */
const ZendeskVia = z
  .object({
    channel: z.union([z.string(), z.number()]).nullish(),
    source: z.object({ rel: z.string().nullish() }).nullish(),
  })
  .nullish()
  .catch(null);
export type ZendeskVia = z.output<typeof ZendeskVia>;

/** What a `Comment` event must carry: the thread is read from the audits. */
const CommentEventFields = z.object({
  id: JsonId,
  // Absent in Zendesk's own documentation example: then the author is not verified.
  author_id: z.number().int().optional(),
  body: z.string(),
  plain_body: z.string().optional(),
  public: z.boolean(),
});

/**
 * An assignment `Change`/`Create` event. "An event will have its own via object if it's
 * different from the via object of the audit" (Zendesk "Ticket Audit events reference"):
 * a trigger that fires inside a person's update marks only its own events.
 */
const AssignmentEvent = z.object({
  type: z.enum(['Change', 'Create']),
  field_name: z.enum(['assignee_id', 'group_id']),
  value: IdValue.optional(),
  previous_value: IdValue.optional(),
  via: ZendeskVia,
});
export type ZendeskAssignmentEvent = z.output<typeof AssignmentEvent>;

/**
 * An audit whose events are kept as sent: each reader parses the events it needs one by one
 * (the thread its comments, the trail its assignments), so one event of a shape nobody
 * expected cannot fail the page. Zendesk: "Events may be added at any time … Please ignore
 * undocumented event types in your integration." (Ticket Audit events reference.)
 */
export const ZendeskAudit = z.object({
  id: JsonId,
  created_at: JsonTime,
  // System audits use negative author ids (-1).
  author_id: z.number().int(),
  via: ZendeskVia,
  events: z.array(z.unknown()),
});
export type ZendeskAudit = z.output<typeof ZendeskAudit>;

/** With `include=users`: the authors, whose role says who is an agent. */
export const ZendeskAuditsPage = z.object({
  audits: z.array(ZendeskAudit),
  users: z.array(ZendeskUser).default([]),
  meta: CursorMeta,
});

const typeOf = (event: unknown): unknown =>
  typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;

/**
 * A Comment event of an audit, strictly: a comment that does not parse fails the thread
 * (a lost message must not vanish silently). Any other event is not a comment.
 */
export const isCommentEvent = (event: unknown): boolean => typeOf(event) === 'Comment';

export const commentOfEvent = (event: unknown): z.output<typeof CommentEventFields> | null =>
  isCommentEvent(event) ? CommentEventFields.parse(event) : null;

/** The audit's assignment events, each parsed on its own; `skipped` counts the ones that did not parse. */
export const assignmentEventsOf = (
  audit: ZendeskAudit,
): { events: ZendeskAssignmentEvent[]; skipped: number } => {
  const events: ZendeskAssignmentEvent[] = [];
  let skipped = 0;
  for (const raw of audit.events) {
    const type = typeOf(raw);
    if (typeof type !== 'string') {
      skipped++;
      continue;
    }
    const field = (raw as { field_name?: unknown }).field_name;
    if ((type !== 'Change' && type !== 'Create') || (field !== 'assignee_id' && field !== 'group_id'))
      continue;
    const parsed = AssignmentEvent.safeParse(raw);
    if (parsed.success) events.push(parsed.data);
    else skipped++;
  }
  return { events, skipped };
};

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
  audit: ZendeskAudit,
});
