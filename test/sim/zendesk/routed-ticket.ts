import type { SimAccount, SimChange, SimRule, SimTicket } from '../data/model';
import type { SimData } from '../data/store';
import { commentHtml } from '../data/thread';

const stamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A customer's email opens a new ticket and a trigger routes it in the same update, as a
 * "route new tickets" trigger does: one audit by the requester (channel email) whose Create
 * events set the ticket up, the trigger's own events carrying `via` rule/trigger
 * (rule-events.ts names the sources). Whether Zendesk records a trigger's assignment at
 * creation as a Create or a Change event is not documented; this sends Create, and Frontline
 * reads both alike (from: none).
 */
export function routedTicket(
  data: SimData,
  account: SimAccount,
  requester: { id: string; organizationId: string | null },
  text: { subject: string; body: string },
  route: { assigneeId: string | null; groupId: string | null; rule: SimRule },
): SimTicket {
  const at = stamp();
  const id = String(account.nextTicketId++);
  const auditId = data.nextId(account.host);
  const commentId = data.nextId(account.host);
  const { rule } = route;
  const changes: SimChange[] = [
    { kind: 'Create', field: 'requester_id', value: requester.id, previous: null },
    { kind: 'Create', field: 'subject', value: text.subject, previous: null },
    { kind: 'Create', field: 'status', value: 'new', previous: null },
    ...(route.groupId === null
      ? []
      : [{ kind: 'Create', field: 'group_id', value: route.groupId, previous: null, rule } as const]),
    ...(route.assigneeId === null
      ? []
      : [{ kind: 'Create', field: 'assignee_id', value: route.assigneeId, previous: null, rule } as const]),
  ];
  const ticket: SimTicket = {
    account: account.host,
    helpdesk: account.helpdesk,
    id,
    subject: text.subject,
    description: text.body,
    status: 'new',
    priority: null,
    type: null,
    channel: 'email',
    requesterId: requester.id,
    submitterId: requester.id,
    assigneeId: route.assigneeId,
    groupId: route.groupId,
    organizationId: requester.organizationId,
    tags: [],
    customFields: {},
    customStatusId: account.customStatuses.find((s) => s.category === 'new')?.id ?? null,
    createdAt: at,
    updatedAt: at,
    archived: false,
    thread: {
      comments: [
        {
          id: commentId,
          authorId: requester.id,
          body: text.body,
          html: commentHtml(account.helpdesk, text.body, false),
          public: true,
          incoming: true,
          createdAt: at,
          auditId,
        },
      ],
      audits: [{ id: auditId, createdAt: at, authorId: requester.id, channel: 'email', commentId, changes }],
    },
    version: 1,
  };
  account.tickets.set(id, ticket);
  account.byRequester.set(requester.id, [...(account.byRequester.get(requester.id) ?? []), ticket]);
  return ticket;
}
