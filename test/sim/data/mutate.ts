import type { Channel, SimAudit, SimChange, SimComment, SimTicket } from './model';
import type { SimData } from './store';
import { commentHtml } from './thread';

export interface TicketChanges {
  status?: string;
  priority?: SimTicket['priority'];
  subject?: string;
  assigneeId?: string | null;
  groupId?: string | null;
  tags?: string[];
  customFields?: Record<string, string | number | boolean | null>;
}

export interface NewComment {
  authorId: string;
  body: string;
  /** Given HTML (Zendesk `html_body`, Freshdesk `body`); made from `body` when absent. */
  html?: string;
  public: boolean;
  incoming: boolean;
}

const stamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * One update, as the helpdesk records it: an optional comment and field changes in a
 * single audit. Ids inside audits are strings, as in real Zendesk `Change` events.
 */
export function applyUpdate(
  data: SimData,
  ticket: SimTicket,
  authorId: string,
  changes: TicketChanges,
  comment?: NewComment,
  channel: Channel = 'web',
): { audit: SimAudit; comment: SimComment | null } {
  const thread = data.thread(ticket);
  const at = stamp();
  const events: SimChange[] = [];
  const change = (field: string, previous: SimChange['previous'], value: SimChange['value']): void => {
    if (!sameValue(previous, value)) events.push({ kind: 'Change', field, value, previous });
  };
  if (changes.subject !== undefined) {
    change('subject', ticket.subject, changes.subject);
    ticket.subject = changes.subject;
  }
  if (changes.status !== undefined) {
    change('status', ticket.status, changes.status);
    ticket.status = changes.status;
  }
  if (changes.priority !== undefined) {
    change('priority', ticket.priority, changes.priority);
    ticket.priority = changes.priority;
  }
  if (changes.groupId !== undefined) {
    change('group_id', ticket.groupId, changes.groupId);
    ticket.groupId = changes.groupId;
  }
  if (changes.assigneeId !== undefined) {
    change('assignee_id', ticket.assigneeId, changes.assigneeId);
    ticket.assigneeId = changes.assigneeId;
  }
  if (changes.tags !== undefined) {
    change('tags', [...ticket.tags], [...changes.tags]);
    ticket.tags = [...changes.tags];
  }
  for (const [key, value] of Object.entries(changes.customFields ?? {})) {
    const previous = ticket.customFields[key] ?? null;
    change(key, previous === null ? null : String(previous), value === null ? null : String(value));
    ticket.customFields[key] = value;
  }
  const auditId = data.nextId(ticket.account);
  let made: SimComment | null = null;
  if (comment) {
    made = {
      id: data.nextId(ticket.account),
      authorId: comment.authorId,
      body: comment.body,
      html: comment.html ?? commentHtml(ticket.helpdesk, comment.body, false),
      public: comment.public,
      incoming: comment.incoming,
      createdAt: at,
      auditId,
    };
    thread.comments.push(made);
  }
  const audit: SimAudit = {
    id: auditId,
    createdAt: at,
    authorId,
    channel,
    commentId: made?.id ?? null,
    changes: events,
  };
  thread.audits.push(audit);
  ticket.updatedAt = at;
  ticket.version++;
  return { audit, comment: made };
}
