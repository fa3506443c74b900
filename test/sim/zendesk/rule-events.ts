import type { SimAudit, SimChange, SimRule, SimTicket } from '../data/model';
import type { SimData } from '../data/store';

/**
 * What Zendesk's business rules leave in the audits, and events nobody expects.
 *
 * - A trigger fires inside the update that set it off (a customer's email, an agent's save):
 *   the audit is that person's, and only the trigger's own events carry
 *   `via: {channel: "rule", source: {to: {}, from: {id, title}, rel: "trigger"}}` — "An event
 *   will have its own via object if it's different from the via object of the audit"
 *   (developer.zendesk.com "Ticket Audit events reference"; the via shape is the example of
 *   the "Via object reference" and of test/fixtures/recorded/zendesk/ticket_audits_offset_docs_example.json).
 * - An automation runs on its own schedule: its audit is the system's (author -1) and the
 *   audit's own via says `rel: "automation"`. Zendesk documents no recorded automation audit;
 *   this follows the same via shape.
 * - "Events may be added at any time … Please ignore undocumented event types" (same
 *   reference): `oddEvent` serves any JSON as one more event of a new audit.
 */

const stamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const SYSTEM_AUTHOR = '-1';

export const ruleVia = (rule: SimRule): Record<string, unknown> => ({
  channel: 'rule',
  source: { to: {}, from: { id: Number(rule.id), title: rule.title }, rel: rule.rel },
});

/** The event's own via: only when a rule made it inside someone else's audit. */
export const eventVia = (change: SimChange): Record<string, unknown> =>
  change.rule ? { via: ruleVia(change.rule) } : {};

const push = (data: SimData, ticket: SimTicket, audit: Omit<SimAudit, 'id' | 'createdAt'>): SimAudit => {
  const made: SimAudit = { id: data.nextId(ticket.account), createdAt: stamp(), ...audit };
  data.thread(ticket).audits.push(made);
  ticket.updatedAt = made.createdAt;
  ticket.version++;
  return made;
};

/**
 * A rule assigns the ticket (an agent and/or a group). A trigger's events sit in an audit by
 * `authorId` (whoever's update set it off; the requester by default); an automation's audit
 * is the system's.
 */
export function ruleAssign(
  data: SimData,
  ticket: SimTicket,
  to: { assigneeId?: string | null; groupId?: string | null },
  rule: SimRule,
  authorId: string = ticket.requesterId,
): SimAudit {
  const changes: SimChange[] = [];
  const trigger = rule.rel === 'trigger';
  if (to.groupId !== undefined && to.groupId !== ticket.groupId) {
    changes.push({
      kind: 'Change',
      field: 'group_id',
      value: to.groupId,
      previous: ticket.groupId,
      ...(trigger ? { rule } : {}),
    });
    ticket.groupId = to.groupId;
  }
  if (to.assigneeId !== undefined && to.assigneeId !== ticket.assigneeId) {
    changes.push({
      kind: 'Change',
      field: 'assignee_id',
      value: to.assigneeId,
      previous: ticket.assigneeId,
      ...(trigger ? { rule } : {}),
    });
    ticket.assigneeId = to.assigneeId;
  }
  return trigger
    ? push(data, ticket, { authorId, channel: ticket.channel, commentId: null, changes })
    : push(data, ticket, { authorId: SYSTEM_AUTHOR, channel: 'rule', rule, commentId: null, changes });
}

/** A new audit (by the requester) holding one event exactly as given. */
export const oddEvent = (data: SimData, ticket: SimTicket, event: unknown): SimAudit =>
  push(data, ticket, {
    authorId: ticket.requesterId,
    channel: ticket.channel,
    commentId: null,
    changes: [],
    rawEvents: [event],
  });
