import type {
  Channel,
  Priority,
  SimAccount,
  SimComment,
  SimGroup,
  SimThread,
  SimTicket,
  SimUser,
} from '../data/model';
import { escapeHtml } from '../data/text';
import { idNum } from '../http/reply';

export const FD_PRIORITY: Record<Priority, number> = { low: 1, normal: 2, high: 3, urgent: 4 };
export const FD_SOURCE: Record<Channel, number> = { email: 1, web: 2, phone: 3, chat: 7, api: 2 };

export function fdContact(user: SimUser): Record<string, unknown> {
  return {
    active: true,
    address: null,
    company_id: idNum(user.organizationId),
    view_all_tickets: null,
    description: null,
    email: user.email,
    id: idNum(user.id),
    job_title: null,
    language: 'en',
    mobile: null,
    name: user.name,
    phone: user.phone,
    time_zone: (user.timeZone.split('/').pop() ?? user.timeZone).replaceAll('_', ' '),
    twitter_id: null,
    custom_fields: {},
    tags: [],
    other_emails: [],
    facebook_id: null,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    other_companies: [],
    unique_external_id: null,
    avatar: null,
  };
}

export function fdAgent(user: SimUser): Record<string, unknown> {
  return {
    available: true,
    occasional: false,
    signature: null,
    group_ids: user.groupIds.map((g) => idNum(g)),
    role_ids: [user.role === 'admin' ? 1 : 2],
    skill_ids: [],
    id: idNum(user.id),
    ticket_scope: 1,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    available_since: null,
    type: 'support_agent',
    last_active_at: user.updatedAt,
    deactivated: false,
    focus_mode: true,
    contact: {
      active: true,
      email: user.email,
      job_title: null,
      language: 'en',
      last_login_at: user.updatedAt,
      mobile: null,
      name: user.name,
      phone: user.phone,
      time_zone: (user.timeZone.split('/').pop() ?? user.timeZone).replaceAll('_', ' '),
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    },
  };
}

export function fdGroup(group: SimGroup, account: SimAccount): Record<string, unknown> {
  const agentIds = [...account.users.values()]
    .filter((u) => u.groupIds.includes(group.id))
    .map((u) => idNum(u.id));
  const support = [...account.groups.values()].find((g) => g.isDefault);
  return {
    id: idNum(group.id),
    name: group.name,
    description: group.description,
    escalate_to: group.isDefault || !support ? null : [idNum(support.id)],
    unassigned_for: group.escalation ? '30m' : null,
    agent_ids: agentIds,
    created_at: group.createdAt,
    updated_at: group.updatedAt,
    allow_agents_to_change_availability: false,
    business_calendar_id: null,
    type: 'support_agent_group',
    automatic_agent_assignment: { enabled: false },
  };
}

/** The ticket as `GET /tickets/:id` prints it. List endpoints drop the description unless asked. */
export function fdTicket(
  ticket: SimTicket,
  account: SimAccount,
  withDescription = true,
): Record<string, unknown> {
  const customFields: Record<string, unknown> = {};
  for (const f of account.ticketFields) customFields[f.key] = ticket.customFields[f.key] ?? null;
  const escalated = ticket.groupId !== null && account.groups.get(ticket.groupId)?.escalation === true;
  const created = Date.parse(ticket.createdAt);
  return {
    cc_emails: [],
    fwd_emails: [],
    reply_cc_emails: [],
    ticket_cc_emails: [],
    ticket_bcc_emails: [],
    fr_escalated: false,
    spam: false,
    email_config_id: null,
    group_id: idNum(ticket.groupId),
    priority: FD_PRIORITY[ticket.priority ?? 'normal'],
    requester_id: idNum(ticket.requesterId),
    responder_id: idNum(ticket.assigneeId),
    source: FD_SOURCE[ticket.channel],
    company_id: idNum(ticket.organizationId),
    status: Number(ticket.status),
    subject: ticket.subject,
    association_type: null,
    support_email: ticket.channel === 'email' ? `support@${account.host}` : null,
    to_emails: ticket.channel === 'email' ? [`support@${account.host}`] : null,
    product_id: null,
    id: idNum(ticket.id),
    type: ticket.type ? ticket.type[0]?.toUpperCase() + ticket.type.slice(1) : null,
    due_by: new Date(created + 3 * 86_400_000).toISOString().replace('.000Z', 'Z'),
    fr_due_by: new Date(created + 86_400_000).toISOString().replace('.000Z', 'Z'),
    is_escalated: escalated,
    ...(withDescription
      ? { description: `<div>${escapeHtml(ticket.description)}</div>`, description_text: ticket.description }
      : {}),
    custom_fields: customFields,
    created_at: ticket.createdAt,
    associated_tickets_count: null,
    updated_at: ticket.updatedAt,
    tags: [...ticket.tags],
    attachments: [],
    form_id: 298,
    nr_due_by: null,
    nr_escalated: false,
    source_additional_info: null,
    structured_description: null,
  };
}

export function fdConversation(
  comment: SimComment,
  ticket: SimTicket,
  account: SimAccount,
  author: SimUser | undefined,
): Record<string, unknown> {
  const support = `support@${account.host}`;
  const from = comment.incoming ? (author?.email ?? null) : comment.public ? support : null;
  return {
    body: comment.html,
    body_text: comment.body,
    structured_body: null,
    id: idNum(comment.id),
    incoming: comment.incoming,
    private: !comment.public,
    user_id: idNum(comment.authorId),
    support_email: comment.incoming ? (author?.email ?? null) : comment.public ? support : null,
    source: comment.public ? 0 : 2,
    category: comment.public ? 1 : 2,
    to_emails: comment.incoming ? [`"Acme support" <${support}>`] : [],
    from_email: from,
    cc_emails: [],
    bcc_emails: comment.incoming ? [] : null,
    email_failure_count: null,
    outgoing_failures: null,
    thread_id: null,
    thread_message_id: null,
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    last_edited_at: null,
    last_edited_user_id: null,
    attachments: [],
    automation_id: null,
    automation_type_id: null,
    auto_response: false,
    ticket_id: idNum(ticket.id),
    threading_type: null,
    delivery_details: { failed_emails: [], pending_emails: [] },
    source_additional_info: null,
  };
}

/** Freshdesk's conversations are what follows the description: the first comment is the ticket itself. */
export const fdConversations = (thread: SimThread): SimComment[] => thread.comments.slice(1);

export function fdStats(ticket: SimTicket, thread: SimThread): Record<string, string | null> {
  const after = fdConversations(thread);
  const agentReply = after.find((c) => !c.incoming && c.public);
  const lastCustomer = [...thread.comments].reverse().find((c) => c.incoming);
  const status = Number(ticket.status);
  return {
    agent_responded_at: agentReply?.createdAt ?? null,
    requester_responded_at: lastCustomer?.createdAt ?? null,
    first_responded_at: agentReply?.createdAt ?? null,
    status_updated_at: ticket.updatedAt,
    reopened_at: null,
    resolved_at: status === 4 || status === 5 ? ticket.updatedAt : null,
    closed_at: status === 5 ? ticket.updatedAt : null,
    pending_since: status === 3 ? ticket.updatedAt : null,
  };
}
