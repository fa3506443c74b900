import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimTicket } from './data/model';
import { type Simulator, startSimulator } from './server';
import { csrfToken, type SimResponse, signIn, simFetch } from './testing/client';
import { type ShapeRules, shapeDiff } from './testing/shape';

/**
 * Every emulated endpoint that has a recorded real response in test/fixtures/recorded
 * is compared with it: field names and JSON types, recursively. The rules below are the
 * whole list of tolerated differences, each with its reason.
 */
const FIXTURES = new URL('../fixtures/recorded/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

/** Fields that are null in some real tickets and set in others. */
const ZD_TICKET_NULLABLE = [
  'type',
  'priority',
  'recipient',
  'assignee_id',
  'group_id',
  'organization_id',
  'custom_status_id',
  'ticket_form_id',
  'brand_id',
  'satisfaction_rating',
];
/** Newer Zendesk ticket fields than some recordings (2019, 2015) have; `satisfaction_probability` is a 2019-only field. */
const ZD_TICKET_NEWER = [
  'custom_status_id',
  'from_messaging_channel',
  'email_cc_ids',
  'follower_ids',
  'is_public',
  'allow_channelback',
  'allow_attachments',
];

const prefixed = (prefix: string, names: string[]): string[] => names.map((n) => `${prefix}.${n}`);

const ZD_USER_NULLABLE = [
  'photo',
  'organization_id',
  'role_type',
  'custom_role_id',
  'default_group_id',
  'ticket_restriction',
  'alias',
  'signature',
  'details',
  'notes',
  'two_factor_auth_enabled',
  'last_login_at',
  'phone',
];

const FD_TICKET_NULLABLE = [
  'group_id',
  'responder_id',
  'email_config_id',
  'company_id',
  'product_id',
  'type',
  'support_email',
  'to_emails',
  'due_by',
  'fr_due_by',
  'nr_due_by',
  'association_type',
  'associated_tickets_count',
  'structured_description',
  'source_additional_info',
];
const FD_CONVERSATION_NULLABLE = ['support_email', 'from_email', 'bcc_emails'];

let sim: Simulator;
let zdCookie: string;
let zdCsrf: string;
let fdCookie: string;
let zdTicket: SimTicket;
let fdTicket: SimTicket;
const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';

const zd = (path: string, init: { method?: string; body?: unknown } = {}): Promise<SimResponse> =>
  simFetch(sim, ZD, path, { ...init, cookie: zdCookie, headers: { 'x-csrf-token': zdCsrf } });
const fd = (path: string, init: { method?: string; body?: unknown } = {}): Promise<SimResponse> =>
  simFetch(sim, FD, path, { ...init, cookie: fdCookie });

function expectSameShape(name: string, simulated: SimResponse, rules: ShapeRules = {}): void {
  expect(shapeDiff(fixture(name), simulated.json(), rules), name).toEqual([]);
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, size: 'demo' });
  zdCookie = await signIn(sim, ZD);
  zdCsrf = await csrfToken(sim, ZD, zdCookie);
  fdCookie = await signIn(sim, FD);
  // A rich ticket: assigned, in an escalation group, with tags and a long thread.
  const rich = (helpdesk: 'zendesk' | 'freshdesk'): SimTicket => {
    const account = sim.data.accountOf(helpdesk);
    const found = [...account.tickets.values()].find(
      (t) =>
        !t.archived &&
        t.assigneeId &&
        t.groupId &&
        t.tags.length > 0 &&
        sim.data.thread(t).comments.length > 11 &&
        t.status !== 'closed' &&
        t.status !== '5',
    );
    if (!found) throw new Error(`no rich ${helpdesk} ticket`);
    return found;
  };
  zdTicket = rich('zendesk');
  fdTicket = rich('freshdesk');
});
afterAll(() => sim.close());

describe('Zendesk responses match the recorded ones', () => {
  const ticketRules = (prefix: string, extraNewer = false): ShapeRules => ({
    nullable: prefixed(prefix, ZD_TICKET_NULLABLE),
    freeform: [
      `${prefix}.via.source.from`,
      `${prefix}.via.source.to`,
      `${prefix}.custom_fields[].value`,
      `${prefix}.fields[].value`,
    ],
    extra: extraNewer
      ? prefixed(prefix, ZD_TICKET_NEWER)
      : prefixed(prefix, ['custom_status_id', 'from_messaging_channel']),
    omitted: prefixed(prefix, ['satisfaction_probability']),
  });

  it('users/me (signed in)', async () => {
    expectSameShape('zendesk/users_me.json', await zd('/api/v2/users/me.json'), {
      nullable: prefixed('user', ZD_USER_NULLABLE),
      freeform: ['user.user_fields'],
      extra: ['user.chat_only'],
    });
  });

  it('users/:id (an end user)', async () => {
    const requester = zdTicket.requesterId;
    expectSameShape('zendesk/user_show_end_user.json', await zd(`/api/v2/users/${requester}.json`), {
      nullable: prefixed('user', ZD_USER_NULLABLE),
      freeform: ['user.user_fields'],
    });
  });

  it('ticket_fields (with the Frontline ledger textarea)', async () => {
    sim.control.setLedgerField(ZD, true);
    const res = await zd('/api/v2/ticket_fields.json');
    sim.control.setLedgerField(ZD, false);
    // Options are on drop-down fields only: the recording has them too, on a later field than the compared one.
    expectSameShape('zendesk/ticket_fields.json', res, { extra: ['ticket_fields[].custom_field_options'] });
  });

  it('tickets/:id', async () => {
    expectSameShape(
      'zendesk/ticket_show.json',
      await zd(`/api/v2/tickets/${zdTicket.id}.json`),
      ticketRules('ticket'),
    );
  });

  it('tickets/:id?include=users,groups,dates', async () => {
    const res = await zd(`/api/v2/tickets/${zdTicket.id}.json?include=users,groups,dates`);
    expectSameShape('zendesk/ticket_show_include_users_groups.json', res, {
      ...ticketRules('ticket'),
      nullable: [
        ...prefixed('ticket', ZD_TICKET_NULLABLE),
        ...prefixed('ticket.dates', [
          'assignee_updated_at',
          'initially_assigned_at',
          'assigned_at',
          'solved_at',
        ]),
        ...prefixed('users[]', ZD_USER_NULLABLE),
      ],
      freeform: [
        'ticket.via.source.from',
        'ticket.via.source.to',
        'users[].user_fields',
        'ticket.custom_fields[].value',
        'ticket.fields[].value',
      ],
      // Groups in this 2019 recording predate `is_public` and `default`.
      extra: [
        'ticket.custom_status_id',
        'ticket.from_messaging_channel',
        'groups[].is_public',
        'groups[].default',
      ],
    });
  });

  it('PUT tickets/:id → {ticket, audit}', async () => {
    const res = await zd(`/api/v2/tickets/${zdTicket.id}.json`, {
      method: 'PUT',
      body: { ticket: { subject: `${zdTicket.subject}!` } },
    });
    expect(res.status).toBe(200);
    expectSameShape('zendesk/ticket_update_put_response.json', res, {
      ...ticketRules('ticket'),
      freeform: [
        'ticket.via.source.from',
        'ticket.via.source.to',
        'ticket.custom_fields[].value',
        'ticket.fields[].value',
        'audit.metadata.custom',
      ],
    });
  });

  it('tickets/:id/comments (cursor)', async () => {
    expectSameShape(
      'zendesk/ticket_comments_cursor.json',
      await zd(`/api/v2/tickets/${zdTicket.id}/comments.json?page[size]=100`),
      {
        freeform: ['comments[].via.source.from', 'comments[].via.source.to', 'comments[].metadata.custom'],
      },
    );
  });

  it('tickets/:id/audits (cursor, recorded on /ticket_audits)', async () => {
    const res = await zd(`/api/v2/tickets/${zdTicket.id}/audits.json?page[size]=2`);
    expectSameShape('zendesk/ticket_audits_cursor.json', res, {
      // Recorded Create events hold strings and a tag array; ours hold strings or null.
      freeform: [
        'audits[].events[]',
        'audits[].metadata.system',
        'audits[].via.source.from',
        'audits[].via.source.to',
      ],
    });
  });

  it('tickets/:id/audits (offset, documented example)', async () => {
    expectSameShape(
      'zendesk/ticket_audits_offset_docs_example.json',
      await zd(`/api/v2/tickets/${zdTicket.id}/audits.json`),
      {
        freeform: ['audits[].events[]'],
        // The docs example is abridged: `via` carries only the channel, `metadata.system` no coordinates.
        extra: [
          'audits[].via.source',
          'audits[].metadata.system.latitude',
          'audits[].metadata.system.longitude',
        ],
      },
    );
  });

  it('groups (cursor and offset)', async () => {
    expectSameShape('zendesk/groups_list_cursor.json', await zd('/api/v2/groups.json?page[size]=1'));
    expectSameShape('zendesk/groups_list_offset.json', await zd('/api/v2/groups.json'), {
      extra: ['groups[].is_public', 'groups[].description', 'groups[].default'],
    });
  });

  it('search.json (tickets, offset)', async () => {
    const res = await zd(
      `/api/v2/search.json?query=${encodeURIComponent(`type:ticket requester:${zdTicket.requesterId}`)}`,
    );
    expectSameShape('zendesk/search_tickets_offset.json', res, {
      ...ticketRules('results[]'),
      freeform: [
        'results[].via.source.from',
        'results[].via.source.to',
        'results[].custom_fields[].value',
        'results[].fields[].value',
      ],
      nullable: [...prefixed('results[]', ZD_TICKET_NULLABLE), 'next_page', 'previous_page', 'facets'],
    });
  });

  it('users/:id/tickets/requested (offset, 2015 recording; cursor, 2023 list recording)', async () => {
    const offset = await zd(`/api/v2/users/${zdTicket.requesterId}/tickets/requested.json`);
    expectSameShape('zendesk/user_requested_tickets_offset_2015_truncated.json', offset, {
      ...ticketRules('tickets[]', true),
      freeform: [
        'tickets[].via.source.from',
        'tickets[].via.source.to',
        'tickets[].custom_fields[].value',
        'tickets[].fields[].value',
      ],
      nullable: [...prefixed('tickets[]', ZD_TICKET_NULLABLE), 'next_page', 'previous_page'],
    });
    const cursor = await zd(`/api/v2/users/${zdTicket.requesterId}/tickets/requested.json?page[size]=1`);
    expectSameShape('zendesk/tickets_list_cursor_page.json', cursor, {
      ...ticketRules('tickets[]'),
      freeform: [
        'tickets[].via.source.from',
        'tickets[].via.source.to',
        'tickets[].custom_fields[].value',
        'tickets[].fields[].value',
      ],
      // This 2023 list recording lacks `fields`, which every ticket read carries.
      extra: ['tickets[].fields', 'tickets[].custom_status_id', 'tickets[].from_messaging_channel'],
    });
  });

  it('errors: 404 RecordNotFound and 422 RecordInvalid', async () => {
    expectSameShape('zendesk/error_404_record_not_found.json', await zd('/api/v2/tickets/99999999.json'));
    const invalid = await zd(`/api/v2/tickets/${zdTicket.id}.json`, {
      method: 'PUT',
      body: { ticket: { comment: { body: ' ' } } },
    });
    expect(invalid.status).toBe(422);
    expectSameShape('zendesk/error_422_record_invalid.json', invalid);
  });

  it('response headers carry the recorded rate-limit, ETag and cache names', async () => {
    const recorded = fixture('zendesk/response_headers_examples.json') as {
      headers: Record<string, unknown>;
    };
    const res = await zd(`/api/v2/tickets/${zdTicket.id}/comments.json`);
    const wanted = [
      'content-type',
      'etag',
      'cache-control',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'x-rate-limit',
      'x-rate-limit-remaining',
      'x-zendesk-api-version',
    ];
    const recordedNames = Object.keys(recorded.headers).map((h) => h.toLowerCase());
    for (const name of wanted) {
      expect(recordedNames).toContain(name);
      expect(res.headers[name], name).toBeTypeOf('string');
    }
  });
});

describe('Freshdesk responses match the recorded ones', () => {
  const ticketRules = (prefix: string): ShapeRules => ({
    nullable: prefixed(prefix, FD_TICKET_NULLABLE),
    freeform: [`${prefix}.custom_fields`],
  });

  it('agents/me and agents/:id', async () => {
    const me = await fd('/api/v2/agents/me');
    const newer = ['last_active_at', 'deactivated', 'focus_mode'];
    expectSameShape('freshdesk/agent_me_docs_example.json', me, {
      nullable: [
        'signature',
        'available_since',
        'contact.job_title',
        'contact.mobile',
        'contact.phone',
        'contact.last_login_at',
      ],
      extra: newer,
    });
    const other = sim.data.userByEmail(FD, 'ben@acme.test');
    const list = fixture('freshdesk/agents_list_docs_example.json') as unknown[];
    const one = await fd(`/api/v2/agents/${other?.id}`);
    expect(
      shapeDiff(list[0], one.json(), {
        nullable: [
          'signature',
          'available_since',
          'contact.job_title',
          'contact.mobile',
          'contact.phone',
          'contact.last_login_at',
        ],
        // The list example omits the id arrays that agents/me (and a single agent) carry.
        extra: [...newer, 'group_ids', 'role_ids', 'skill_ids'],
      }),
    ).toEqual([]);
  });

  it('contacts/:id', async () => {
    expectSameShape('freshdesk/contact_view.json', await fd(`/api/v2/contacts/${fdTicket.requesterId}`), {
      nullable: [
        'phone',
        'company_id',
        'address',
        'view_all_tickets',
        'description',
        'job_title',
        'mobile',
        'twitter_id',
        'facebook_id',
        'unique_external_id',
        'avatar',
      ],
      freeform: ['custom_fields'],
    });
  });

  it('groups', async () => {
    expectSameShape('freshdesk/groups_list_docs_example.json', await fd('/api/v2/groups'), {
      nullable: ['[].escalate_to', '[].unassigned_for', '[].business_calendar_id'],
      freeform: ['[].automatic_agent_assignment'],
    });
  });

  it('tickets/:id', async () => {
    expectSameShape('freshdesk/ticket_view.json', await fd(`/api/v2/tickets/${fdTicket.id}`), {
      ...ticketRules(''),
      nullable: FD_TICKET_NULLABLE,
      freeform: ['custom_fields'],
      // Newer than this recording: present in the 2025 include=conversations recording.
      extra: [
        'association_type',
        'source_additional_info',
        'structured_description',
        'associated_tickets_count',
      ],
    });
  });

  it('tickets/:id?include=conversations', async () => {
    expectSameShape(
      'freshdesk/ticket_view_include_conversations.json',
      await fd(`/api/v2/tickets/${fdTicket.id}?include=conversations`),
      {
        nullable: [...FD_TICKET_NULLABLE, ...prefixed('conversations[]', FD_CONVERSATION_NULLABLE)],
        freeform: ['custom_fields'],
        extra: ['form_id', 'nr_due_by', 'nr_escalated', 'associated_tickets_count'],
      },
    );
  });

  it('tickets/:id/conversations', async () => {
    expectSameShape(
      'freshdesk/ticket_conversations_list.json',
      await fd(`/api/v2/tickets/${fdTicket.id}/conversations`),
      {
        nullable: prefixed('[]', FD_CONVERSATION_NULLABLE),
      },
    );
  });

  it('search/tickets', async () => {
    const query = encodeURIComponent(`"requester_id:${fdTicket.requesterId}"`);
    expectSameShape('freshdesk/search_tickets.json', await fd(`/api/v2/search/tickets?query=${query}`), {
      nullable: prefixed('results[]', FD_TICKET_NULLABLE),
      freeform: ['results[].custom_fields'],
      // Search results in the recording lack these ticket-view fields.
      extra: prefixed('results[]', [
        'attachments',
        'form_id',
        'nr_due_by',
        'nr_escalated',
        'source_additional_info',
      ]),
    });
  });

  it('POST tickets/:id/notes → 201', async () => {
    const res = await fd(`/api/v2/tickets/${fdTicket.id}/notes`, {
      method: 'POST',
      body: { body: '<div>Credit granted</div>', private: true },
    });
    expect(res.status).toBe(201);
    expectSameShape('freshdesk/note_create_response_2016.json', res, {
      // The docs (2.4) list `notified_to`; newer notes carry `category`.
      extra: ['notified_to', 'category'],
      nullable: ['cc_emails', 'bcc_emails', 'from_email', 'support_email'],
    });
  });
});

describe('fixtures the simulator deliberately does not emulate', () => {
  it('are only the admin-only incremental export and the search export', () => {
    const all = [...['zendesk', 'freshdesk'].flatMap((dir) => readdir(dir).map((f) => `${dir}/${f}`))];
    const notEmulated = [
      'zendesk/incremental_tickets_cursor.json',
      'zendesk/incremental_tickets_time_based.json',
      'zendesk/search_export_cursor_users.json',
    ];
    const covered = readFileSync(new URL(import.meta.url), 'utf8');
    const uncovered = all.filter((f) => !covered.includes(`'${f}'`) && !notEmulated.includes(f));
    expect(uncovered).toEqual([]);
  });
});

function readdir(dir: string): string[] {
  return readdirSync(new URL(`${dir}/`, FIXTURES)).filter((f) => f.endsWith('.json'));
}
