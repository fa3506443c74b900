import type {
  SimAccount,
  SimAudit,
  SimComment,
  SimGroup,
  SimOrganization,
  SimThread,
  SimTicket,
  SimUser,
} from '../data/model';
import { idNum } from '../http/reply';
import { eventVia, ruleVia } from './rule-events';

/** Zendesk prints Rails zone names next to the IANA one. */
const railsZone = (iana: string): string => (iana.split('/').pop() ?? iana).replaceAll('_', ' ');

const emptySource = { from: {}, to: {}, rel: null };

export function zdUser(user: SimUser, origin: string): Record<string, unknown> {
  const agent = user.role !== 'end-user';
  return {
    id: idNum(user.id),
    url: `${origin}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    time_zone: railsZone(user.timeZone),
    iana_time_zone: user.timeZone,
    phone: user.phone,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: idNum(user.organizationId),
    role: user.role,
    verified: agent,
    external_id: null,
    tags: [],
    alias: null,
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: agent ? user.updatedAt : null,
    two_factor_auth_enabled: null,
    signature: null,
    details: null,
    notes: null,
    role_type: agent ? (user.role === 'admin' ? 4 : 0) : null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : 'requested',
    only_private_comments: false,
    restricted_agent: !agent,
    suspended: false,
    chat_only: false,
    default_group_id: idNum(user.groupIds[0] ?? null),
    report_csv: agent,
    user_fields: {},
  };
}

/** What `users/me` says to a visitor without a session: 200, an anonymous user with no id. */
export function zdAnonymousUser(): Record<string, unknown> {
  return {
    id: null,
    url: null,
    name: 'Anonymous user',
    email: 'invalid@example.com',
    created_at: null,
    updated_at: null,
    time_zone: 'Pacific Time (US & Canada)',
    iana_time_zone: 'America/Los_Angeles',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: null,
    role: 'end-user',
    verified: false,
    external_id: null,
    tags: [],
    alias: null,
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: null,
    signature: null,
    details: null,
    notes: null,
    role_type: null,
    custom_role_id: null,
    moderator: false,
    ticket_restriction: 'requested',
    only_private_comments: false,
    restricted_agent: true,
    suspended: false,
    default_group_id: null,
    report_csv: false,
    user_fields: {},
  };
}

export function zdGroup(group: SimGroup, origin: string): Record<string, unknown> {
  return {
    url: `${origin}/api/v2/groups/${group.id}.json`,
    id: idNum(group.id),
    is_public: true,
    name: group.name,
    description: group.description,
    default: group.isDefault,
    deleted: false,
    created_at: group.createdAt,
    updated_at: group.updatedAt,
  };
}

export function zdOrganization(org: SimOrganization, origin: string): Record<string, unknown> {
  return {
    url: `${origin}/api/v2/organizations/${org.id}.json`,
    id: idNum(org.id),
    name: org.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: null,
    created_at: org.createdAt,
    updated_at: org.updatedAt,
    domain_names: [],
    details: '',
    notes: '',
    group_id: null,
    tags: [],
    organization_fields: {},
  };
}

export function zdTicket(ticket: SimTicket, account: SimAccount, origin: string): Record<string, unknown> {
  const fields = account.ticketFields.map((f) => ({
    id: idNum(f.id),
    value: ticket.customFields[f.key] ?? null,
  }));
  return {
    url: `${origin}/api/v2/tickets/${ticket.id}.json`,
    id: idNum(ticket.id),
    external_id: null,
    via: { channel: ticket.channel, source: emptySource },
    created_at: ticket.createdAt,
    updated_at: ticket.updatedAt,
    type: ticket.type,
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    status: ticket.status,
    custom_status_id: idNum(ticket.customStatusId),
    recipient: ticket.channel === 'email' ? `support@${account.host}` : null,
    requester_id: idNum(ticket.requesterId),
    submitter_id: idNum(ticket.submitterId),
    assignee_id: idNum(ticket.assigneeId),
    organization_id: idNum(ticket.organizationId),
    group_id: idNum(ticket.groupId),
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [...ticket.tags],
    custom_fields: fields,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    fields,
    followup_ids: [],
    ticket_form_id: 6_130_830_344_474,
    brand_id: 6_130_830_354_842,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

/** The `dates` side-load, derived from the thread. */
export function zdDates(ticket: SimTicket, thread: SimThread): Record<string, string | null> {
  let assignedAt: string | null = null;
  let initiallyAssignedAt: string | null = null;
  let statusAt: string | null = null;
  for (const audit of thread.audits)
    for (const change of audit.changes) {
      if (change.field === 'assignee_id' && change.value !== null) {
        initiallyAssignedAt ??= audit.createdAt;
        assignedAt = audit.createdAt;
      }
      if (change.field === 'status') statusAt = audit.createdAt;
    }
  const last = thread.comments[thread.comments.length - 1];
  const solved = ticket.status === 'solved' || ticket.status === 'closed';
  return {
    assignee_updated_at: assignedAt,
    requester_updated_at: ticket.createdAt,
    status_updated_at: statusAt ?? ticket.updatedAt,
    initially_assigned_at: initiallyAssignedAt,
    assigned_at: assignedAt,
    solved_at: solved ? ticket.updatedAt : null,
    latest_comment_added_at: last?.createdAt ?? ticket.createdAt,
  };
}

const commentMetadata = {
  system: {
    client: 'Mozilla/5.0 (X11; Linux x86_64) Frontline helpdesk simulator',
    ip_address: '127.0.0.1',
    location: 'Berlin, BE, Germany',
    latitude: 52.52,
    longitude: 13.405,
  },
  custom: {},
};

export function zdComment(comment: SimComment, channel: string): Record<string, unknown> {
  return {
    id: idNum(comment.id),
    type: 'Comment',
    author_id: idNum(comment.authorId),
    body: comment.body,
    html_body: comment.html,
    plain_body: comment.body,
    public: comment.public,
    attachments: [],
    audit_id: idNum(comment.auditId),
    via: { channel, source: emptySource },
    created_at: comment.createdAt,
    metadata: commentMetadata,
  };
}

export function zdAudit(audit: SimAudit, ticket: SimTicket, thread: SimThread): Record<string, unknown> {
  const comment = audit.commentId ? thread.comments.find((c) => c.id === audit.commentId) : undefined;
  const base = idNum(audit.id);
  const events: Record<string, unknown>[] = [];
  if (comment)
    events.push({
      id: idNum(comment.id),
      type: 'Comment',
      author_id: idNum(comment.authorId),
      body: comment.body,
      html_body: comment.html,
      plain_body: comment.body,
      public: comment.public,
      attachments: [],
      audit_id: base,
    });
  audit.changes.forEach((change, i) => {
    events.push({
      id: base + (i + 1) * 1_000_000_000,
      type: change.kind,
      value: change.value,
      field_name: change.field,
      ...(change.kind === 'Change' ? { previous_value: change.previous } : {}),
      ...eventVia(change),
    });
  });
  events.push(...(audit.rawEvents ?? []).map((e) => e as Record<string, unknown>));
  return {
    id: base,
    ticket_id: idNum(ticket.id),
    created_at: audit.createdAt,
    author_id: idNum(audit.authorId),
    metadata: commentMetadata,
    events,
    via: audit.rule ? ruleVia(audit.rule) : { channel: audit.channel, source: emptySource },
  };
}
