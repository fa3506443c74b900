import { describe, expect, it, vi } from 'vitest';
import { AssignmentChange, Case, Customer, Entry } from '../../../lib/domain/model';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import { classifyWriteFailure } from '../../../lib/helpdesks/write-failure';
import { zendeskAdapter as zendesk } from '../../../lib/helpdesks/zendesk';
import { SAFE_TAG_TRIES } from '../../../lib/helpdesks/zendesk/api';
import { caught, collect, fakeClient, fixtureJson, json, type Route, split, text } from './fake-client';

const ACCOUNT = 'acme.zendesk.com';
const ref = { helpdesk: 'zendesk' as const, account: ACCOUNT, id: '4' };
const REQUESTER = 6130907993114;

type Json = Record<string, unknown>;
const baseTicket = (fixtureJson('zendesk/tickets_list_cursor_page.json').tickets as Json[])[0]!;
const ticket = (id: number, extra: Json = {}): Json => ({
  ...baseTicket,
  id,
  requester_id: REQUESTER,
  ...extra,
});

const client = (route: Route) => fakeClient(route, zendesk.allows);
const notFound = (r: HttpRequest) =>
  json({ error: 'RecordNotFound', description: `no route ${r.path}` }, 404);

/** A cursor list served in pages, with `links.next` set even on the last page, as real Zendesk does. */
function cursorList(key: string, items: Json[], size: number) {
  return (query: URLSearchParams) => {
    const start = Number(query.get('page[after]') ?? '0');
    const end = start + size;
    return json({
      [key]: items.slice(start, end),
      meta: { has_more: end < items.length, after_cursor: String(end), before_cursor: String(start) },
      links: { prev: null, next: `https://${ACCOUNT}/api/v2/x.json?page%5Bafter%5D=${end}` },
    });
  };
}

describe('zendesk.me', () => {
  it('reads the signed-in agent', async () => {
    const { client: c, requests } = client(() => json(fixtureJson('zendesk/users_me.json')));
    expect(await zendesk.me(c, ACCOUNT)).toEqual({
      helpdesk: 'zendesk',
      account: ACCOUNT,
      id: '6130907993114',
      name: '09cace',
      email: 'automationsqa@z3nmail.com',
    });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/users/me.json']);
  });

  it('treats the anonymous user (200, no id) as signed out', async () => {
    const anonymous = {
      user: { id: null, url: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user' },
    };
    const e = await caught(() => zendesk.me(client(() => json(anonymous)).client, ACCOUNT));
    expect(e).toMatchObject({ kind: 'signed-out', endpoint: 'GET /api/v2/users/me', permanent: true });
  });

  it('refuses an end user', async () => {
    const endUser = fixtureJson('zendesk/user_show_end_user.json');
    const e = await caught(() => zendesk.me(client(() => json(endUser)).client, ACCOUNT));
    expect(e).toMatchObject({ kind: 'forbidden' });
  });

  it('maps a 401 to signed-out with the helpdesk message', async () => {
    const e = await caught(() =>
      zendesk.me(client(() => json({ error: "Couldn't authenticate you" }, 401)).client, ACCOUNT),
    );
    expect(e).toMatchObject({ kind: 'signed-out', status: 401, message: "Couldn't authenticate you" });
  });
});

describe('zendesk.ticket', () => {
  it('reads the ticket with its side-loads', async () => {
    const { client: c, requests } = client((r) =>
      split(r).pathname === '/api/v2/tickets/4.json'
        ? json(fixtureJson('zendesk/ticket_show_include_users_groups.json'))
        : notFound(r),
    );
    const context = await zendesk.ticket(c, ref);
    expect(split(requests[0]!).query.get('include')).toBe('users,groups,organizations');
    // Beside it, once an hour per account, the ticket fields: is there a ledger field (ledger-field.ts)?
    expect(requests.map((r) => split(r).pathname)).toEqual([
      '/api/v2/tickets/4.json',
      '/api/v2/ticket_fields.json',
    ]);
    expect(Case.parse(context.case)).toMatchObject({
      ref,
      subject: 'nyanyanyanya',
      status: 'new',
      priority: 'urgent',
      channel: 'api',
      requesterId: '377922500012',
      assigneeId: null,
      groupId: '360004077472',
      archived: false,
    });
    expect(Customer.parse(context.requester)).toMatchObject({ id: '377922500012', name: 'Yosuke Tamura' });
    expect(context.agents.map((a) => a.id)).toEqual(['377922500012']);
    expect(context.groups).toEqual([
      { helpdesk: 'zendesk', account: ACCOUNT, id: '360004077472', name: 'Support' },
    ]);
  });

  it('names the organization and fetches a requester missing from the side-loads', async () => {
    const endUser = fixtureJson<{ user: Json }>('zendesk/user_show_end_user.json');
    const { client: c, requests } = client((r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/tickets/4.json') {
        return json({
          ticket: ticket(4, { requester_id: 369531345753, status: 'hold', via: { channel: 'email' } }),
          users: [],
          organizations: [{ id: 77, name: 'Acme Corp' }],
        });
      }
      if (pathname === '/api/v2/users/369531345753.json') {
        return json({ user: { ...endUser.user, organization_id: 77 } });
      }
      return notFound(r);
    });
    const context = await zendesk.ticket(c, ref);
    expect(requests).toHaveLength(2);
    expect(context.requester).toEqual({
      helpdesk: 'zendesk',
      account: ACCOUNT,
      id: '369531345753',
      name: 'Sample customer',
      email: 'customer@example.com',
      organization: 'Acme Corp',
    });
    expect([context.case.status, context.case.rawStatus, context.case.channel]).toEqual([
      'on-hold',
      'hold',
      'email',
    ]);
  });

  it.each([
    ['new', 'new'],
    ['open', 'open'],
    ['pending', 'pending'],
    ['hold', 'on-hold'],
    ['solved', 'solved'],
    ['closed', 'closed'],
    ['brand_new_status', 'custom'],
  ])('status %s → %s', async (raw, status) => {
    const body = fixtureJson<{ ticket: Json }>('zendesk/ticket_show_include_users_groups.json');
    const c = client(() => json({ ...body, ticket: { ...body.ticket, status: raw } })).client;
    const context = await zendesk.ticket(c, ref);
    expect([context.case.status, context.case.rawStatus]).toEqual([status, raw]);
  });

  it('marks a ticket closed for 120 days as archived', async () => {
    const body = fixtureJson<{ ticket: Json }>('zendesk/ticket_show_include_users_groups.json');
    const old = { ...body.ticket, status: 'closed', updated_at: '2019-06-06T10:02:04Z' };
    const context = await zendesk.ticket(client(() => json({ ...body, ticket: old })).client, ref);
    expect(context.case.archived).toBe(true);
  });

  it('a field of the wrong type is a malformed error naming endpoint and field', async () => {
    const body = fixtureJson<{ ticket: Json }>('zendesk/ticket_show_include_users_groups.json');
    const bad = { ...body, ticket: { ...body.ticket, requester_id: '377922500012' } };
    const e = await caught(() => zendesk.ticket(client(() => json(bad)).client, ref));
    expect(e).toMatchObject({
      kind: 'malformed',
      endpoint: 'GET /api/v2/tickets/:id',
      field: 'ticket.requester_id',
    });
  });

  it.each([
    [401, 'signed-out'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ])('HTTP %i → %s', async (status, kind) => {
    const e = await caught(() =>
      zendesk.ticket(client(() => json({ error: 'X', description: 'the reason' }, status)).client, ref),
    );
    expect(e).toMatchObject({ kind, status, message: 'the reason', endpoint: 'GET /api/v2/tickets/:id' });
  });

  it('a body that is not JSON is malformed, not a crash', async () => {
    const e = await caught(() =>
      zendesk.ticket(client(() => text('<html>maintenance</html>', 200)).client, ref),
    );
    expect(e).toMatchObject({ kind: 'malformed', endpoint: 'GET /api/v2/tickets/:id' });
  });
});

describe('zendesk.requesterHistory', () => {
  const requested = Array.from({ length: 250 }, (_, i) => ticket(i + 1));

  /**
   * Search as Zendesk answers it: sorted by creation, 100 a page, page 11 refused, and
   * at most 1,000 results a query; `created>ISO` narrows the query to a later window.
   */
  function historyServer(searchTickets: Json[], count = searchTickets.length) {
    const requestedPages = cursorList('tickets', requested, 100);
    return client((r) => {
      const { pathname, query } = split(r);
      if (pathname === `/api/v2/users/${REQUESTER}/tickets/requested.json`) return requestedPages(query);
      if (pathname === '/api/v2/search.json') {
        const page = Number(query.get('page'));
        if (page > 10) return json({ error: 'invalid', description: 'page 11 is past the limit' }, 422);
        const after = query.get('query')?.match(/created>(\S+)/)?.[1];
        const matching = after
          ? searchTickets.filter((t) => Date.parse(String(t.created_at)) > Date.parse(after))
          : searchTickets;
        const windowCount = after ? matching.length : count;
        const results = matching
          .slice((page - 1) * 100, page * 100)
          .map((t) => ({ ...t, result_type: 'ticket' }));
        const more = page * 100 < Math.min(windowCount, 1000);
        return json({
          results,
          facets: null,
          count: windowCount,
          next_page: more ? 'https://x/next' : null,
          previous_page: null,
        });
      }
      return notFound(r);
    });
  }

  it('follows has_more (not links.next), then search, de-duplicated, archived only from search', async () => {
    // Search knows 200 of the requested tickets plus 50 archived ones.
    const archived = Array.from({ length: 50 }, (_, i) => ticket(1000 + i, { status: 'closed' }));
    const { client: c, requests } = historyServer([...archived, ...requested.slice(0, 200)]);
    const pages = await collect(zendesk.requesterHistory(c, ACCOUNT, String(REQUESTER)));

    const requestedCalls = requests.filter((r) => r.path.includes('/tickets/requested'));
    expect(requestedCalls.map((r) => split(r).query.get('page[after]'))).toEqual([null, '100', '200']);
    expect(requestedCalls.every((r) => split(r).query.get('page[size]') === '100')).toBe(true);

    const searchCalls = requests.filter((r) => r.path.startsWith('/api/v2/search.json'));
    expect(searchCalls.map((r) => split(r).query.get('page'))).toEqual(['1', '2', '3']);
    const q = split(searchCalls[0]!).query;
    expect([q.get('query'), q.get('per_page'), q.get('sort_by'), q.get('sort_order')]).toEqual([
      `type:ticket requester:${REQUESTER}`,
      '100',
      'created_at',
      'asc',
    ]);

    const cases = pages.flatMap((p) => p.cases);
    expect(cases).toHaveLength(300);
    expect(new Set(cases.map((x) => x.ref.id)).size).toBe(300);
    for (const x of cases) Case.parse(x);
    expect(cases.filter((x) => x.archived).map((x) => x.ref.id)).toEqual(archived.map((t) => String(t.id)));
    expect(pages.map((p) => [p.cases.length, p.total])).toEqual([
      [100, null],
      [100, null],
      [50, null],
      [50, 300],
      [0, 300],
      [0, 300],
    ]);
  });

  it('walks past the 1,000 cap in creation windows, never asking for page 11', async () => {
    const start = Date.parse('2020-01-01T00:00:00Z');
    const many = Array.from({ length: 1500 }, (_, i) =>
      ticket(5000 + i, { status: 'closed', created_at: new Date(start + i * 3_600_000).toISOString() }),
    );
    const { client: c, requests } = historyServer(many, 1500);
    const pages = await collect(zendesk.requesterHistory(c, ACCOUNT, String(REQUESTER)));
    const searches = requests
      .filter((r) => r.path.startsWith('/api/v2/search.json'))
      .map((r) => split(r).query);
    expect(searches.every((q) => Number(q.get('page')) <= 10)).toBe(true);
    expect(searches.slice(0, 10).every((q) => !q.get('query')?.includes('created>'))).toBe(true);
    // The second window starts a second before the last ticket the first window returned.
    expect(searches[10]?.get('query')).toBe(
      `type:ticket requester:${REQUESTER} created>2020-02-11T14:59:59Z`,
    );
    // The second window holds 501: the last of the first window again (the overlap), then 500 more.
    expect(searches).toHaveLength(16);
    // 250 requested (live) plus all 1,500 from search, each once.
    expect(pages.flatMap((p) => p.cases)).toHaveLength(1750);
    expect(pages.at(-1)?.total).toBe(1750);
  });

  it('stops search when a page comes back without next_page', async () => {
    const { client: c, requests } = historyServer([], 0);
    const pages = await collect(zendesk.requesterHistory(c, ACCOUNT, String(REQUESTER)));
    expect(requests.filter((r) => r.path.startsWith('/api/v2/search.json'))).toHaveLength(1);
    expect(pages.flatMap((p) => p.cases)).toHaveLength(250);
  });

  it('refuses a cursor that does not move, instead of looping', async () => {
    const { client: c } = client(() =>
      json({ tickets: [ticket(1)], meta: { has_more: true, after_cursor: 'same' }, links: { next: 'x' } }),
    );
    const e = await caught(() => collect(zendesk.requesterHistory(c, ACCOUNT, String(REQUESTER))));
    expect(e).toMatchObject({ kind: 'malformed', field: 'meta.after_cursor' });
  });

  it('refuses a requester id that is not a number before any request', async () => {
    const { client: c, requests } = client(notFound);
    const e = await caught(() => collect(zendesk.requesterHistory(c, ACCOUNT, '1/../../users')));
    expect(e).toMatchObject({ kind: 'invalid' });
    expect(requests).toHaveLength(0);
  });
});

describe('zendesk.entries', () => {
  const AGENT = 42;
  const FORGER = 43;
  const STRANGER = 77;
  /** One audit per comment; every fifth comment's author_id was set by the API caller (FORGER). */
  const audits = Array.from({ length: 150 }, (_, i) => {
    const author = i % 2 === 0 ? REQUESTER : i % 7 === 0 ? STRANGER : AGENT;
    return {
      id: 8000 + i,
      ticket_id: 4,
      created_at: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
      author_id: i % 5 === 1 ? FORGER : author,
      events: [
        {
          id: 9000 + i,
          type: 'Comment',
          author_id: author,
          public: i % 3 !== 0,
          plain_body: `comment ${i}`,
          body: `**comment ${i}**`,
        },
        { id: 10_000 + i, type: 'Change', field_name: 'status', value: 'open', previous_value: 'new' },
      ],
    };
  });
  const users = [
    { id: REQUESTER, name: 'Customer', role: 'end-user' },
    { id: AGENT, name: 'Ada', role: 'agent' },
    { id: FORGER, name: 'Fin', role: 'admin' },
  ];
  const auditPages = (query: URLSearchParams) => {
    const page = cursorList('audits', audits, 100)(query);
    return query.get('include') === 'users' ? json({ ...JSON.parse(page.body), users }) : page;
  };

  it('reads the thread from every audit page, with the authors side-loaded: who is an agent, and whether the audit confirms the comment’s author', async () => {
    const { client: c, requests } = client((r) => {
      const { pathname, query } = split(r);
      if (pathname === '/api/v2/tickets/4.json') return json({ ticket: ticket(4) });
      if (pathname === '/api/v2/tickets/4/audits.json') return auditPages(query);
      return notFound(r);
    });
    const entries = await zendesk.entries(c, ref);
    expect(requests.filter((r) => r.path.includes('/audits'))).toHaveLength(2);
    expect(requests.some((r) => r.path.includes('/comments'))).toBe(false);
    expect(entries).toHaveLength(150);
    for (const e of entries) Entry.parse(e);
    expect(entries[0]).toEqual({
      ticket: ref,
      id: '9000',
      authorId: String(REQUESTER),
      public: false,
      fromCustomer: true,
      text: 'comment 0',
      createdAt: '2024-01-01T00:00:00.000Z',
      authorIsAgent: false,
      authorConfirmed: true,
    });
    // Comment 1: Ada's by its author_id, but the audit says FORGER made it.
    expect(entries[1]).toMatchObject({
      authorId: '42',
      authorIsAgent: true,
      authorConfirmed: false,
      public: true,
    });
    expect(entries[3]).toMatchObject({ authorId: '42', authorIsAgent: true, authorConfirmed: true });
    // An author Zendesk did not side-load is not verified: the field stays absent.
    expect(entries[7]).toMatchObject({ authorId: String(STRANGER) });
    expect(entries[7]).not.toHaveProperty('authorIsAgent');

    requests.length = 0;
    // A search already named the requester: the thread reads the audits alone, the same entries.
    expect(await zendesk.thread(c, ref, String(REQUESTER))).toEqual(entries);
    expect(requests.map((r) => split(r).pathname)).toEqual([
      '/api/v2/tickets/4/audits.json',
      '/api/v2/tickets/4/audits.json',
    ]);
  });

  it('a comment event without its body fields is malformed, naming the field', async () => {
    const broken = [{ ...audits[0], events: [{ id: 1, type: 'Comment', public: false }] }];
    const e = await caught(() => zendesk.thread(client(() => json({ audits: broken })).client, ref, '1'));
    expect(e).toMatchObject({ kind: 'malformed', field: 'audits.0.events.0.body' });
  });
});

describe('zendesk.assignmentTrail', () => {
  const audit = (id: number, at: string, events: Json[]) => ({
    id,
    ticket_id: 4,
    created_at: at,
    author_id: 42,
    events,
  });

  it('reads Change events on assignee_id and group_id (string values) across every page', async () => {
    const audits = [
      ...fixtureJson<{ audits: Json[] }>('zendesk/ticket_audits_cursor.json').audits,
      audit(2, '2024-01-02T00:00:00Z', [
        { id: 1, type: 'Change', field_name: 'group_id', value: '200', previous_value: '6130852536346' },
        { id: 2, type: 'Change', field_name: 'status', value: 'open', previous_value: 'new' },
        { id: 3, type: 'Notification', subject: 'x', body: 'y' },
      ]),
      audit(3, '2024-01-03T00:00:00Z', [
        { id: 4, type: 'Change', field_name: 'assignee_id', value: null, previous_value: '6130907993114' },
      ]),
      {
        ...audit(4, '2024-01-04T00:00:00Z', [
          { id: 5, type: 'Change', field_name: 'assignee_id', value: '7', previous_value: '' },
        ]),
        author_id: -1,
      },
    ];
    const pages = cursorList('audits', audits, 2);
    const { client: c, requests } = client((r) => pages(split(r).query));
    const trail = await zendesk.assignmentTrail(c, ref);
    expect(requests.map((r) => split(r).pathname)).toEqual(Array(2).fill('/api/v2/tickets/4/audits.json'));
    for (const t of trail) AssignmentChange.parse(t);
    expect(trail.map((t) => [t.field, t.from, t.to, t.authorId])).toEqual([
      ['assignee', null, '6130907993114', '6130907993114'],
      ['group', null, '6130852536346', '6130907993114'],
      ['group', '6130852536346', '200', '42'],
      ['assignee', '6130907993114', null, '42'],
      ['assignee', null, '7', null],
    ]);
  });

  it('audit events parsed one by one: an odd event in a recorded audit is skipped and counted, the rest of the trail stands', async () => {
    const [recorded] = fixtureJson<{ audits: (Json & { events: Json[] })[] }>(
      'zendesk/ticket_audits_cursor.json',
    ).audits;
    const odd = {
      ...recorded!,
      events: [
        ...recorded!.events,
        // A number where Zendesk sends a string id, an event with no type, and a bare value.
        { id: 90, type: 'Change', field_name: 'assignee_id', value: 7, previous_value: null },
        { id: 91, field_name: 'group_id', value: '5' },
        'unexpected',
        // An undocumented event type is ignored, as Zendesk asks, and not counted.
        { id: 92, type: 'AgentSkillsChanged', skills: [{ id: 1 }] },
      ],
    };
    const audits = [
      odd,
      audit(2, '2024-01-02T00:00:00Z', [
        { id: 1, type: 'Change', field_name: 'assignee_id', value: '8', previous_value: '6130907993114' },
      ]),
    ];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const trail = await zendesk.assignmentTrail(client(() => json({ audits })).client, ref);
    expect(trail.map((t) => [t.field, t.from, t.to])).toEqual([
      ['assignee', null, '6130907993114'],
      ['group', null, '6130852536346'],
      ['assignee', '6130907993114', '8'],
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipped 3 unreadable audit event(s)'));
    warn.mockRestore();
  });

  it('a change a trigger made says so: the event’s own via, else its audit’s (channel "rule")', async () => {
    const rule = (rel: string) => ({
      channel: 'rule',
      source: { to: {}, from: { id: 35079792, title: 'Assign to triage' }, rel },
    });
    const audits = [
      {
        ...audit(1, '2024-01-01T00:00:00Z', [
          { id: 1, type: 'Create', field_name: 'assignee_id', value: '5', via: rule('trigger') },
          { id: 2, type: 'Create', field_name: 'group_id', value: '9' },
        ]),
        via: { channel: 'email', source: { from: {}, to: {}, rel: null } },
      },
      {
        ...audit(2, '2024-01-03T00:00:00Z', [
          { id: 3, type: 'Change', field_name: 'assignee_id', value: '6', previous_value: '5' },
        ]),
        author_id: -1,
        via: rule('automation'),
      },
    ];
    const trail = await zendesk.assignmentTrail(client(() => json({ audits })).client, ref);
    expect(trail.map((t) => [t.field, t.to, t.byRule ?? false])).toEqual([
      ['assignee', '5', true],
      ['group', '9', false],
      ['assignee', '6', true],
    ]);
  });
});

describe('zendesk.groups and agents', () => {
  it('reads every group page and leaves deleted groups out', async () => {
    const groups = [
      ...fixtureJson<{ groups: Json[] }>('zendesk/groups_list_cursor.json').groups,
      { id: 2, name: 'Tier 2', deleted: false },
      { id: 3, name: 'Gone', deleted: true },
    ];
    const pages = cursorList('groups', groups, 1);
    const { client: c, requests } = client((r) => pages(split(r).query));
    expect((await zendesk.groups(c, ACCOUNT)).map((g) => g.name)).toEqual(['Support', 'Tier 2']);
    expect(requests).toHaveLength(3);
  });

  it("reads the agent's own groups, leaving deleted ones out", async () => {
    const groups = [
      { id: 6130908000001, name: 'Tier 2', deleted: false },
      { id: 6130908000002, name: 'Gone', deleted: true },
    ];
    const pages = cursorList('groups', groups, 1);
    const { client: c, requests } = client((r) => pages(split(r).query));
    expect(await zendesk.myGroupIds(c, ACCOUNT, '6130907993114')).toEqual(['6130908000001']);
    expect(split(requests[0]!).pathname).toBe('/api/v2/users/6130907993114/groups.json');
  });

  it('asks show_many for at most 100 ids at a time, each id once', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => String(6130907993114 + i));
    const { client: c, requests } = client((r) => {
      const asked = (split(r).query.get('ids') ?? '').split(',');
      return json({
        users: asked.map((id) => ({ id: Number(id), name: `Agent ${id}`, email: null, role: 'agent' })),
      });
    });
    const agents = await zendesk.agents(c, ACCOUNT, [...ids, ids[0]!]);
    expect(requests.map((r) => (split(r).query.get('ids') ?? '').split(',').length)).toEqual([100, 50]);
    expect(agents.map((a) => a.id)).toEqual(ids);
  });

  it('reads customers through the same show_many, 100 a request, as customers', async () => {
    const user = fixtureJson<{ user: Json }>('zendesk/user_show_end_user.json').user;
    const ids = Array.from({ length: 120 }, (_, i) => String(6130907993114 + i));
    const { client: c, requests } = client((r) =>
      json({
        users: (split(r).query.get('ids') ?? '').split(',').map((id) => ({ ...user, id: Number(id) })),
      }),
    );
    const customers = await zendesk.customers.read(c, ACCOUNT, ids);
    expect(zendesk.customers.perRequest).toBe(100);
    expect(requests.map((r) => split(r).pathname)).toEqual([
      '/api/v2/users/show_many.json',
      '/api/v2/users/show_many.json',
    ]);
    expect(customers[119]).toEqual({
      helpdesk: 'zendesk',
      account: ACCOUNT,
      id: ids[119],
      name: user.name,
      email: user.email,
      organization: null,
    });
  });
});

describe('zendesk writes', () => {
  const updateResponse = () => {
    const body = fixtureJson<{ ticket: Json; audit: Json & { events: Json[] } }>(
      'zendesk/ticket_update_put_response.json',
    );
    body.audit.events.unshift({
      id: 6164068756700,
      type: 'Comment',
      author_id: 6130907993114,
      body: 'Credit granted\n[frontline:credit v1]',
      html_body: '<p>Credit granted</p>',
      plain_body: 'Credit granted\n[frontline:credit v1]',
      public: false,
      attachments: [],
      audit_id: 6164068756634,
    });
    return body;
  };

  it('adds a private note with PUT tickets/:id and returns the entry from the audit', async () => {
    const { client: c, requests } = client(() => json(updateResponse()));
    const entry = await zendesk.addPrivateNote(c, ref, 'Credit granted\n[frontline:credit v1]');
    expect(requests).toEqual([
      {
        method: 'PUT',
        path: '/api/v2/tickets/4.json',
        body: { ticket: { comment: { body: 'Credit granted\n[frontline:credit v1]', public: false } } },
      },
    ]);
    expect(Entry.parse(entry)).toEqual({
      ticket: ref,
      id: '6164068756700',
      authorId: '6130907993114',
      public: false,
      fromCustomer: false,
      text: 'Credit granted\n[frontline:credit v1]',
      createdAt: '2023-09-18T23:26:01.000Z',
      authorIsAgent: true,
      authorConfirmed: true,
    });
  });

  it('an update answer without the Comment event is malformed', async () => {
    const e = await caught(() =>
      zendesk.addPrivateNote(
        client(() => json(fixtureJson('zendesk/ticket_update_put_response.json'))).client,
        ref,
        'x',
      ),
    );
    expect(e).toMatchObject({
      kind: 'malformed',
      endpoint: 'PUT /api/v2/tickets/:id',
      field: 'audit.events',
    });
  });

  it('a 422 on the note is a permanent invalid error with the helpdesk reason', async () => {
    const e = await caught(() =>
      zendesk.addPrivateNote(
        client(() => json(fixtureJson('zendesk/error_422_record_invalid.json'), 422)).client,
        ref,
        'x',
      ),
    );
    expect(e).toMatchObject({ kind: 'invalid', permanent: true, status: 422 });
    expect((e as Error).message).toContain('Description: cannot be blank');
  });

  /** A ticket that answers its reads with `stamps` in turn and its tag writes with `statuses` in turn. */
  const tagTicket = (stamps: string[], statuses: number[], tags: string[] = ['vip']) =>
    client((request) => {
      if (request.method === 'GET') {
        const updated_at = stamps.length > 1 ? (stamps.shift() as string) : (stamps[0] as string);
        return json({ ticket: { ...ticket(4), updated_at, tags }, users: [], groups: [], organizations: [] });
      }
      const status = statuses.shift() ?? 200;
      return status === 409
        ? json({ error: 'UpdateConflict', description: 'Safe Update prevented the update' }, 409)
        : json({ tags: ['vip', 'frontline_credit'] });
    });

  it('adds a tag with a safe update stamped with the ticket’s updated_at, removes one through tags.json', async () => {
    const { client: c, requests } = tagTicket(['2019-09-12T21:45:16Z'], []);
    await zendesk.addTag(c, ref, 'frontline_credit');
    await zendesk.removeTag(c, ref, 'frontline_credit');
    expect(requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      {
        method: 'GET',
        path: '/api/v2/tickets/4.json?include=users%2Cgroups%2Corganizations',
        body: undefined,
      },
      {
        method: 'PUT',
        path: '/api/v2/tickets/4/tags.json',
        body: { tags: ['frontline_credit'], safe_update: true, updated_stamp: '2019-09-12T21:45:16Z' },
      },
      { method: 'DELETE', path: '/api/v2/tickets/4/tags.json', body: { tags: ['frontline_credit'] } },
    ]);
  });

  it('tags stay: a 409 from the safe update reads the ticket again and retries with the new stamp', async () => {
    const { client: c, requests } = tagTicket(['2019-09-12T21:45:16Z', '2019-09-12T21:45:17Z'], [409]);
    await zendesk.addTag(c, ref, 'frontline_credit');
    const writes = requests.filter((r) => r.method === 'PUT');
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
    expect(writes.map((r) => (r.body as { updated_stamp: string }).updated_stamp)).toEqual([
      '2019-09-12T21:45:16Z',
      '2019-09-12T21:45:17Z',
    ]);
  });

  it(`tags stay: after ${SAFE_TAG_TRIES} collisions in a row the write is a transient conflict, named`, async () => {
    const { client: c, requests } = tagTicket(['2019-09-12T21:45:16Z'], [409, 409, 409, 409]);
    const error = await caught(() => zendesk.addTag(c, ref, 'frontline_credit'));
    expect(error).toMatchObject({ kind: 'conflict', status: 409, permanent: false });
    expect((error as Error).message).toMatch(
      /kept changing while the frontline_credit tag was added \(3 tries\)/,
    );
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(SAFE_TAG_TRIES);
    expect(classifyWriteFailure(error)).toMatchObject({ permanent: false });
  });

  it('tags stay: a ticket that has the tag already is not written', async () => {
    const { client: c, requests } = tagTicket(['2019-09-12T21:45:16Z'], [], ['frontline_credit']);
    await zendesk.addTag(c, ref, 'frontline_credit');
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('refuses a tag Zendesk would split, without a request', async () => {
    const { client: c, requests } = client(() => json({}));
    expect(await caught(() => zendesk.addTag(c, ref, 'two words'))).toMatchObject({ kind: 'invalid' });
    expect(requests).toHaveLength(0);
  });

  it('assigns assignee and group, sending only what changes', async () => {
    const { client: c, requests } = client(() => json({ ticket: ticket(4) }));
    await zendesk.assign(c, ref, { assigneeId: '6130907993114', groupId: null });
    await zendesk.assign(c, ref, { groupId: '200' });
    await zendesk.assign(c, ref, {});
    expect(requests.map((r) => r.body)).toEqual([
      { ticket: { assignee_id: 6130907993114, group_id: null } },
      { ticket: { group_id: 200 } },
    ]);
    expect(await caught(() => zendesk.assign(c, ref, { assigneeId: '9007199254740993' }))).toMatchObject({
      kind: 'invalid',
    });
  });
});
