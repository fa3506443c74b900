import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Agent as AgentSchema,
  AssignmentChange,
  Case,
  Customer,
  Entry,
  Group,
} from '../../../lib/domain/model';
import {
  toAgent as fdAgent,
  toCase as fdCase,
  toEntry as fdEntry,
  toGroup as fdGroup,
} from '../../../lib/helpdesks/freshdesk/normalize';
import {
  FreshdeskAgent,
  FreshdeskContact,
  FreshdeskConversation,
  FreshdeskConversationList,
  FreshdeskGroupList,
  FreshdeskSearchTickets,
  FreshdeskTicket,
} from '../../../lib/helpdesks/freshdesk/schemas';
import { HttpResponse } from '../../../lib/helpdesks/http';
import { parseBody, statusError } from '../../../lib/helpdesks/parse';
import {
  ZendeskTicketFieldsPage,
  ledgerFieldIn as zdLedgerFieldIn,
} from '../../../lib/helpdesks/zendesk/ledger-field';
import {
  auditsAsEntries,
  toAssignmentChanges,
  toAgent as zdAgent,
  toCase as zdCase,
  toCustomer as zdCustomer,
  toGroup as zdGroup,
} from '../../../lib/helpdesks/zendesk/normalize';
import {
  ZendeskAuditsPage,
  ZendeskGroupsPage,
  ZendeskMeResponse,
  ZendeskSearchPage,
  ZendeskTicket,
  ZendeskTicketResponse,
  ZendeskTicketsPage,
  ZendeskUpdateResponse,
  ZendeskUser,
  ZendeskUserResponse,
} from '../../../lib/helpdesks/zendesk/schemas';
import { fixtureFiles, fixtureText, json } from './fake-client';

const ZD = 'z3n.zendesk.com';
const FD = 'acme.freshdesk.com';
const zdRef = { helpdesk: 'zendesk' as const, account: ZD, id: '1' };
const fdRef = { helpdesk: 'freshdesk' as const, account: FD, id: '223' };

/** Parses a fixture as a 200 body through the same path the adapter uses. */
/** The comments endpoint's shape, kept to read the recorded headers' example (the adapter reads audits). */
const ZendeskCommentsPage = z.object({
  comments: z.array(
    z.object({ id: z.number(), author_id: z.number(), plain_body: z.string(), public: z.boolean() }),
  ),
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullable() }),
});

const parse = <S extends z.ZodType>(schema: S, file: string): z.output<S> =>
  parseBody(schema, json(fixtureText(file)), `GET fixture ${file}`);

/**
 * One check per recorded response. The list must name every file in the fixtures
 * folder, so a new fixture cannot be silently skipped.
 */
const CHECKS: Record<string, (file: string) => void> = {
  'zendesk/error_404_record_not_found.json': (file) => {
    const e = statusError('GET /api/v2/tickets/:id', json(fixtureText(file), 404));
    expect([e.kind, e.message, e.status]).toEqual(['not-found', 'Not found', 404]);
  },
  'zendesk/error_422_record_invalid.json': (file) => {
    const e = statusError('PUT /api/v2/tickets/:id', json(fixtureText(file), 422));
    expect(e.kind).toBe('invalid');
    expect(e.message).toBe('Record validation errors: Description: cannot be blank');
  },
  'zendesk/groups_list_cursor.json': (file) => {
    const page = parse(ZendeskGroupsPage, file);
    expect(page.meta?.has_more).toBe(true);
    expect(Group.parse(zdGroup(page.groups[0]!, ZD)).id).toBe('6130852536346');
  },
  'zendesk/ticket_fields.json': (file) => {
    const fields = parse(ZendeskTicketFieldsPage, file).ticket_fields;
    expect(fields.find((f) => f.type === 'textarea')).toMatchObject({ id: '360011672493', active: true });
    // No field is titled "Frontline ledger" on that account; retitled, its textarea is the one.
    expect(zdLedgerFieldIn(fields)).toBeNull();
    expect(
      zdLedgerFieldIn(fields.map((f) => (f.type === 'textarea' ? { ...f, title: 'Frontline ledger' } : f))),
    ).toBe('360011672493');
  },
  'zendesk/groups_list_offset.json': (file) => {
    const page = parse(ZendeskGroupsPage, file);
    expect(page.meta).toBeUndefined();
    expect(page.groups.map((g) => g.name)).toEqual(['Support']);
  },
  'zendesk/incremental_tickets_cursor.json': (file) => {
    const { tickets } = parse(z.object({ tickets: z.array(ZendeskTicket) }), file);
    expect(Case.parse(zdCase(tickets[0]!, ZD, false)).requesterId).toBe('6130907993114');
  },
  'zendesk/incremental_tickets_time_based.json': (file) => {
    const { tickets } = parse(z.object({ tickets: z.array(ZendeskTicket) }), file);
    expect(tickets.map((t) => t.id)).toEqual(['28', '29', '37', '38', '30', '31', '32']);
  },
  'zendesk/response_headers_examples.json': (file) => {
    const recorded = JSON.parse(fixtureText(file)) as { headers: Record<string, string[]> };
    const headers = Object.fromEntries(
      Object.entries(recorded.headers).map(([k, v]) => [k.toLowerCase(), v.join(', ')]),
    );
    const response = HttpResponse.parse({
      status: 200,
      headers,
      body: fixtureText('zendesk/ticket_comments_cursor.json'),
    });
    expect(response.headers['ratelimit-limit']).toBe('700');
    expect(response.headers.etag).toMatch(/^W\//);
    expect(
      parseBody(ZendeskCommentsPage, response, 'GET /api/v2/tickets/:id/comments').comments,
    ).toHaveLength(1);
  },
  'zendesk/search_export_cursor_users.json': (file) => {
    const { results } = parse(z.object({ results: z.array(ZendeskUser) }), file);
    expect(Customer.parse(zdCustomer(results[0]!, ZD, [])).email).toBe('z3nz3n@zenmail.com');
  },
  'zendesk/search_tickets_offset.json': (file) => {
    const page = parse(ZendeskSearchPage, file);
    expect([page.count, page.next_page]).toEqual([1, null]);
    expect(Case.parse(zdCase(page.results[0]!, ZD, true)).priority).toBe('urgent');
  },
  'zendesk/ticket_audits_cursor.json': (file) => {
    const page = parse(ZendeskAuditsPage, file);
    const trail = toAssignmentChanges(page.audits, zdRef).changes.map((c) => AssignmentChange.parse(c));
    expect(trail.map((c) => [c.field, c.from, c.to])).toEqual([
      ['assignee', null, '6130907993114'],
      ['group', null, '6130852536346'],
    ]);
    // The sample ticket's opening comment is the customer's, made by an admin: the audit names the admin.
    const [opening] = auditsAsEntries(page.audits, page.users, zdRef, '6130869168922').map((e) =>
      Entry.parse(e),
    );
    expect(opening).toMatchObject({ authorId: '6130869168922', fromCustomer: true, authorConfirmed: false });
  },
  'zendesk/ticket_audits_offset_docs_example.json': (file) => {
    const page = parse(ZendeskAuditsPage, file);
    expect(toAssignmentChanges(page.audits, zdRef)).toEqual({ changes: [], skipped: 0 });
    // This Comment event names no author: its marker, if any, could never count.
    expect(auditsAsEntries(page.audits, page.users, zdRef, null)).toMatchObject([
      {
        id: '2127301148',
        authorId: null,
        public: false,
        text: 'This is a new private comment',
        authorConfirmed: false,
      },
    ]);
  },
  'zendesk/ticket_comments_cursor.json': (file) => {
    const page = parse(ZendeskCommentsPage, file);
    expect(page.meta).toEqual({ has_more: false, after_cursor: expect.any(String) });
    expect([page.comments[0]?.plain_body, page.comments[0]?.public]).toEqual(['Some comment', true]);
  },
  'zendesk/ticket_show.json': (file) => {
    const { ticket, users } = parse(ZendeskTicketResponse, file);
    expect(users).toEqual([]);
    const c = Case.parse(zdCase(ticket, ZD, false));
    expect([c.status, c.channel, c.assigneeId]).toEqual(['solved', 'email', '377922500012']);
  },
  'zendesk/ticket_show_include_users_groups.json': (file) => {
    const { users, groups } = parse(ZendeskTicketResponse, file);
    expect(AgentSchema.parse(zdAgent(users[0]!, ZD)).name).toBe('Yosuke Tamura');
    expect(groups.map((g) => g.id)).toEqual(['360004077472']);
  },
  'zendesk/ticket_update_put_response.json': (file) => {
    const { ticket, audit } = parse(ZendeskUpdateResponse, file);
    expect([ticket.id, audit.id]).toEqual(['4016', '6164068756634']);
  },
  'zendesk/tickets_list_cursor_page.json': (file) => {
    const page = parse(ZendeskTicketsPage, file);
    expect(page.meta?.has_more).toBe(true);
    expect(Case.parse(zdCase(page.tickets[0]!, ZD, false)).status).toBe('new');
  },
  'zendesk/user_requested_tickets_offset_2015_truncated.json': (file) => {
    const page = parse(ZendeskTicketsPage, file);
    const cases = page.tickets.map((t) => Case.parse(zdCase(t, ZD, false)));
    expect(cases.map((c) => [c.ref.id, c.status, c.priority, c.archived])).toEqual([
      ['7', 'closed', 'normal', false],
      ['13', 'closed', 'normal', false],
    ]);
  },
  'zendesk/user_show_end_user.json': (file) => {
    const { user } = parse(ZendeskUserResponse, file);
    expect([user.role, user.email]).toEqual(['end-user', 'customer@example.com']);
  },
  'zendesk/users_me.json': (file) => {
    const { user } = parse(ZendeskMeResponse, file);
    expect([user.id, user.role]).toEqual(['6130907993114', 'admin']);
  },
  'freshdesk/agent_me_docs_example.json': (file) => {
    const agent = AgentSchema.parse(fdAgent(parse(FreshdeskAgent, file), FD));
    expect([agent.id, agent.name, agent.email]).toEqual(['432', 'Clark Kent', 'superman@freshdesk.com']);
  },
  'freshdesk/agents_list_docs_example.json': (file) => {
    expect(parse(z.array(FreshdeskAgent), file).map((a) => fdAgent(a, FD).name)).toEqual([
      'Support',
      'Clark Kent',
    ]);
  },
  'freshdesk/contact_view.json': (file) => {
    const contact = parse(FreshdeskContact, file);
    expect([contact.id, contact.name, contact.company_id]).toEqual(['48008659871', 'Mock name', null]);
  },
  'freshdesk/groups_list_docs_example.json': (file) => {
    expect(parse(FreshdeskGroupList, file).map((g) => Group.parse(fdGroup(g, FD)).name)).toEqual([
      'Account managers',
      'Payment',
    ]);
  },
  'freshdesk/note_create_response_2016.json': (file) => {
    const entry = Entry.parse(fdEntry(parse(FreshdeskConversation, file), { ...fdRef, id: '1' }));
    expect([entry.public, entry.fromCustomer, entry.text]).toEqual([false, false, 'This is a private note']);
  },
  'freshdesk/search_tickets.json': (file) => {
    const { results, total } = parse(FreshdeskSearchTickets, file);
    expect(total).toBe(133);
    const c = Case.parse(fdCase(results[0]!, FD, false));
    expect([c.status, c.priority, c.channel, c.tags]).toEqual(['closed', 'low', 'chat', ['Wi-Fi issue']]);
  },
  'freshdesk/ticket_conversations_list.json': (file) => {
    const entries = parse(FreshdeskConversationList, file).map((c) => Entry.parse(fdEntry(c, fdRef)));
    expect(entries.map((e) => [e.public, e.fromCustomer])).toEqual([
      [false, false],
      [false, false],
      [true, true],
    ]);
  },
  'freshdesk/ticket_view.json': (file) => {
    const c = Case.parse(fdCase(parse(FreshdeskTicket, file), FD, false));
    expect([c.status, c.rawStatus, c.priority, c.channel, c.tags]).toEqual([
      'open',
      '2',
      'medium',
      'portal',
      ['test-tag'],
    ]);
  },
  'freshdesk/ticket_view_include_conversations.json': (file) => {
    const ticket = parse(FreshdeskTicket.extend({ conversations: FreshdeskConversationList }), file);
    const c = Case.parse(fdCase(ticket, FD, false));
    expect([c.status, c.rawStatus, c.channel]).toEqual(['custom', '9', 'outbound-email']);
    expect(ticket.conversations).toHaveLength(3);
  },
};

describe('every recorded fixture parses', () => {
  it('the table names every fixture file, no more, no fewer', () => {
    const files = fixtureFiles();
    expect(files).toHaveLength(29);
    expect(Object.keys(CHECKS).sort()).toEqual(files);
  });

  it.each(Object.keys(CHECKS))('%s', (file) => {
    CHECKS[file]!(file);
  });
});
