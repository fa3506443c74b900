import { describe, expect, it } from 'vitest';
import { Case, Customer, Entry } from '../../../lib/domain/model';
import { freshdeskAdapter as freshdesk } from '../../../lib/helpdesks/freshdesk';
import { noteHtml } from '../../../lib/helpdesks/freshdesk/normalize';
import { nextPageFromLink } from '../../../lib/helpdesks/freshdesk/paging';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import { caught, collect, fakeClient, fixtureJson, json, type Route, split } from './fake-client';

const ACCOUNT = 'heysilo-help.freshdesk.com';
const ref = { helpdesk: 'freshdesk' as const, account: ACCOUNT, id: '223' };
const REQUESTER = 501005088825;

type Json = Record<string, unknown>;
const ticketView = fixtureJson('freshdesk/ticket_view.json');
const ticket = (id: number, extra: Json = {}): Json => ({
  ...ticketView,
  id,
  requester_id: REQUESTER,
  ...extra,
});
const conversations = fixtureJson<Json[]>('freshdesk/ticket_conversations_list.json');

const client = (route: Route) => fakeClient(route, freshdesk.allows);
/** Asked beside the request under test: the account's statuses (cached per account) and the agent's scope. */
const SIDE = new Set(['/api/v2/ticket_fields', '/api/v2/agents/me']);
const main = (requests: HttpRequest[]) => requests.filter((r) => !SIDE.has(split(r).pathname));
const notFound = (_r: HttpRequest) => ({ status: 404, headers: {}, body: '' });

/** A bare-array list served in pages with a `Link: rel="next"` header on all but the last. */
function linkList(path: string, items: unknown[], size: number) {
  return (query: URLSearchParams) => {
    const page = Number(query.get('page') ?? '1');
    const more = page * size < items.length;
    const headers: Record<string, string> = more
      ? { link: `<https://${ACCOUNT}${path}?page=${page + 1}&per_page=${size}>; rel="next"` }
      : {};
    return json(items.slice((page - 1) * size, page * size), 200, headers);
  };
}

describe('nextPageFromLink', () => {
  it.each<[string | undefined, number | null]>([
    [undefined, null],
    ['', null],
    [`<https://${ACCOUNT}/api/v2/tickets?page=2&per_page=30>; rel="next"`, 2],
    [`<https://${ACCOUNT}/api/v2/tickets?include=a,b&page=7>; rel="next"`, 7],
    [
      `<https://${ACCOUNT}/api/v2/tickets?page=1>; rel="prev", <https://${ACCOUNT}/api/v2/tickets?page=3>; rel="next"`,
      3,
    ],
    [`<https://${ACCOUNT}/api/v2/tickets?page=1>; rel="prev"`, null],
    ['<https://evil.com/steal?page=9>; rel=next', 9],
    ['<not a url>; rel="next"', 2],
    [`<https://${ACCOUNT}/api/v2/tickets?page=1>; rel="next"`, 2],
  ])('%s', (link, expected) => {
    expect(nextPageFromLink(link, 1)).toBe(expected);
  });
});

describe('freshdesk.me', () => {
  it('reads the signed-in agent', async () => {
    const { client: c, requests } = client(() => json(fixtureJson('freshdesk/agent_me_docs_example.json')));
    expect(await freshdesk.me(c, ACCOUNT)).toEqual({
      helpdesk: 'freshdesk',
      account: ACCOUNT,
      id: '432',
      name: 'Clark Kent',
      email: 'superman@freshdesk.com',
    });
    expect(requests.map((r) => r.path)).toEqual(['/api/v2/agents/me']);
  });

  it("reads the agent's own groups from agents/me", async () => {
    const me = { ...fixtureJson<Json>('freshdesk/agent_me_docs_example.json'), group_ids: [11, 12] };
    const { client: c, requests } = client(() => json(me));
    expect(await freshdesk.myGroupIds(c, ACCOUNT, '432')).toEqual(['11', '12']);
    expect(requests.map((r) => r.path)).toEqual(['/api/v2/agents/me']);
  });

  it('a 401 is signed-out with the helpdesk message', async () => {
    const body = { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' };
    const e = await caught(() => freshdesk.me(client(() => json(body, 401)).client, ACCOUNT));
    expect(e).toMatchObject({ kind: 'signed-out', message: body.message, endpoint: 'GET /api/v2/agents/me' });
  });
});

describe('freshdesk.ticket', () => {
  const withRequester: Json = {
    ...fixtureJson('freshdesk/ticket_view_include_conversations.json'),
    conversations: undefined,
    company_id: 9,
    requester: { id: REQUESTER, name: 'Dana', email: 'dana@example.com', mobile: null, phone: null },
  };

  it('reads the ticket with include=requester and the company name', async () => {
    const { client: c, requests } = client((r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/tickets/223') return json(withRequester);
      if (pathname === '/api/v2/companies/9') return json({ id: 9, name: 'Silo Inc' });
      return notFound(r);
    });
    const context = await freshdesk.ticket(c, ref);
    expect(main(requests).map((r) => r.path)).toEqual([
      '/api/v2/tickets/223?include=requester',
      '/api/v2/companies/9',
    ]);
    expect(Case.parse(context.case)).toMatchObject({
      status: 'custom',
      rawStatus: '9',
      priority: 'low',
      channel: 'outbound-email',
      assigneeId: '501003979303',
      groupId: '501000283279',
      tags: ['Device issue'],
      archived: false,
    });
    expect(Customer.parse(context.requester)).toEqual({
      helpdesk: 'freshdesk',
      account: ACCOUNT,
      id: String(REQUESTER),
      name: 'Dana',
      email: 'dana@example.com',
      organization: 'Silo Inc',
    });
    expect([context.agents, context.groups]).toEqual([[], []]);
  });

  it('falls back to the archived endpoint and the contact on 404', async () => {
    const contact = { ...fixtureJson('freshdesk/contact_view.json'), id: REQUESTER, company_id: 9 };
    const { client: c, requests } = client((r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/tickets/archived/223')
        return json(ticket(223, { status: 5, company_id: null }));
      if (pathname === `/api/v2/contacts/${REQUESTER}`) return json(contact);
      if (pathname === '/api/v2/companies/9') return json({ id: 9, name: 'Silo Inc' });
      return notFound(r);
    });
    const context = await freshdesk.ticket(c, ref);
    expect(main(requests).map((r) => split(r).pathname)).toEqual([
      '/api/v2/tickets/223',
      '/api/v2/tickets/archived/223',
      `/api/v2/contacts/${REQUESTER}`,
      '/api/v2/companies/9',
    ]);
    expect([context.case.archived, context.case.status]).toEqual([true, 'closed']);
    expect(context.requester).toMatchObject({
      name: 'Mock name',
      email: 'mock@email.com',
      organization: 'Silo Inc',
    });
  });

  it.each([
    [2, 'open'],
    [3, 'pending'],
    [4, 'solved'],
    [5, 'closed'],
    [6, 'custom'],
    [9, 'custom'],
    [1, 'custom'],
  ])('status %i → %s', async (raw, status) => {
    const c = client(() => json({ ...withRequester, company_id: null, status: raw })).client;
    const context = await freshdesk.ticket(c, ref);
    expect([context.case.status, context.case.rawStatus]).toEqual([status, String(raw)]);
  });

  it('a missing field is malformed, naming endpoint and field', async () => {
    const { status: _, ...bad } = withRequester;
    const e = await caught(() => freshdesk.ticket(client(() => json(bad)).client, ref));
    expect(e).toMatchObject({ kind: 'malformed', endpoint: 'GET /api/v2/tickets/:id', field: 'status' });
  });

  it('a 403 is forbidden with the helpdesk message, and no archived retry', async () => {
    const body = { code: 'access_denied', message: 'You are not authorized to perform this action.' };
    const { client: c, requests } = client(() => json(body, 403));
    const e = await caught(() => freshdesk.ticket(c, ref));
    expect(e).toMatchObject({ kind: 'forbidden', message: body.message });
    expect(main(requests)).toHaveLength(1);
  });
});

describe('freshdesk.requesterHistory', () => {
  it('lists with updated_since far back, following Link until it is absent', async () => {
    const tickets = Array.from({ length: 250 }, (_, i) => ticket(i + 1));
    const pages = linkList('/api/v2/tickets', tickets, 100);
    const { client: c, requests } = client((r) => pages(split(r).query));
    const out = await collect(freshdesk.requesterHistory(c, ACCOUNT, String(REQUESTER)));
    // The plain requester query's first page brings nothing new, so it costs one request.
    expect(main(requests).map((r) => split(r).query.get('page'))).toEqual(['1', '2', '3', '1']);
    const q = split(main(requests)[0]!).query;
    expect(Object.fromEntries(q)).toEqual({
      requester_id: String(REQUESTER),
      updated_since: '2000-01-01T00:00:00Z',
      per_page: '100',
      order_by: 'created_at',
      page: '1',
    });
    expect(out.map((p) => [p.cases.length, p.total])).toEqual([
      [100, null],
      [100, null],
      [50, null],
      [0, null],
    ]);
    for (const x of out.flatMap((p) => p.cases)) Case.parse(x);
  });

  it('de-duplicates a ticket that moves between pages while listing', async () => {
    const { client: c } = client((r) => {
      const page = split(r).query.get('page');
      return page === '1'
        ? json([ticket(1), ticket(2)], 200, { link: '<https://x/api/v2/tickets?page=2>; rel="next"' })
        : json([ticket(2), ticket(3)]);
    });
    const out = await collect(freshdesk.requesterHistory(c, ACCOUNT, String(REQUESTER)));
    expect(out.flatMap((p) => p.cases.map((x) => x.ref.id))).toEqual(['1', '2', '3']);
  });

  it('stops at the 300-page cap even if Link keeps going', async () => {
    const { client: c, requests } = client((r) => {
      const page = Number(split(r).query.get('page'));
      return json([ticket(page)], 200, { link: `<https://x/api/v2/tickets?page=${page + 1}>; rel="next"` });
    });
    const out = await collect(freshdesk.requesterHistory(c, ACCOUNT, String(REQUESTER)));
    const combined = main(requests).filter((r) => split(r).query.has('updated_since'));
    expect(combined).toHaveLength(300);
    expect(out.flatMap((p) => p.cases)).toHaveLength(300);
  });
});

describe('freshdesk.entries', () => {
  it('puts the description first, then every conversation page, oldest first', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...conversations[i % 3],
      id: 501012837977 + i,
      created_at: new Date(Date.UTC(2025, 6, 25, 8, i)).toISOString(),
    }));
    const pages = linkList('/api/v2/tickets/223/conversations', many, 100);
    const { client: c, requests } = client((r) => {
      const { pathname, query } = split(r);
      if (pathname === '/api/v2/tickets/223') return json(ticket(223, { source: 1 }));
      if (pathname === '/api/v2/tickets/223/conversations') return pages(query);
      return notFound(r);
    });
    const entries = await freshdesk.entries(c, ref);
    expect(requests.filter((r) => r.path.includes('/conversations'))).toHaveLength(2);
    expect(entries).toHaveLength(121);
    for (const e of entries) Entry.parse(e);
    expect(entries[0]).toEqual({
      ticket: ref,
      id: '223',
      authorId: String(REQUESTER),
      public: true,
      fromCustomer: true,
      text: 'This is a test ticket.',
      createdAt: '2025-01-08T09:43:49.000Z',
    });
    expect(entries.slice(1, 4).map((e) => [e.public, e.fromCustomer, e.text])).toEqual([
      [false, false, 'Tickets with IDs 167 is merged into this ticket.'],
      [false, false, 'Merged from ticket 167 [REDACTED details]'],
      [true, true, '[REDACTED customer reply]'],
    ]);

    requests.length = 0;
    // The thread is the conversations alone: no ticket read, no description.
    expect(await freshdesk.thread(c, ref, String(REQUESTER))).toEqual(entries.slice(1));
    expect(requests.every((r) => split(r).pathname === '/api/v2/tickets/223/conversations')).toBe(true);
  });

  it('an outbound email description was written by an agent', async () => {
    const { client: c } = client((r) =>
      split(r).pathname === '/api/v2/tickets/223' ? json(ticket(223, { source: 10 })) : json([]),
    );
    expect((await freshdesk.entries(c, ref))[0]).toMatchObject({ fromCustomer: false, authorId: null });
  });

  it('reads an archived ticket through the archived endpoints', async () => {
    const { client: c } = client((r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/tickets/archived/223') return json(ticket(223));
      if (pathname === '/api/v2/tickets/archived/223/conversations') return json(conversations);
      return notFound(r);
    });
    const entries = await freshdesk.entries(c, ref);
    expect(entries).toHaveLength(4);
  });
});

describe('freshdesk groups, agents and trail', () => {
  it('reads every group page', async () => {
    const groups = fixtureJson<Json[]>('freshdesk/groups_list_docs_example.json');
    const pages = linkList('/api/v2/groups', groups, 1);
    const { client: c, requests } = client((r) => pages(split(r).query));
    expect((await freshdesk.groups(c, ACCOUNT)).map((g) => g.name)).toEqual(['Account managers', 'Payment']);
    expect(requests).toHaveLength(2);
  });

  it('reads agents one by one, skipping deleted ones', async () => {
    const agents = fixtureJson<Json[]>('freshdesk/agents_list_docs_example.json');
    const { client: c, requests } = client((r) => {
      const found = agents.find((a) => r.path === `/api/v2/agents/${a.id}`);
      return found ? json(found) : notFound(r);
    });
    const out = await freshdesk.agents(c, ACCOUNT, ['1', '432', '999', '1']);
    expect(out.map((a) => a.name)).toEqual(['Support', 'Clark Kent']);
    expect(requests).toHaveLength(3);
  });

  it('reads customers one contact a request, skipping deleted ones', async () => {
    const contact = fixtureJson<Json>('freshdesk/contact_view.json');
    const { client: c, requests } = client((r) =>
      r.path === '/api/v2/contacts/7' ? json({ ...contact, id: 7 }) : notFound(r),
    );
    const out = await freshdesk.customers.read(c, ACCOUNT, ['7', '8', '7']);
    expect(freshdesk.customers.perRequest).toBe(1);
    expect(out).toEqual([
      {
        helpdesk: 'freshdesk',
        account: ACCOUNT,
        id: '7',
        name: contact.name,
        email: contact.email ?? null,
        organization: null,
      },
    ]);
    expect(requests.map((r) => r.path)).toEqual(['/api/v2/contacts/7', '/api/v2/contacts/8']);
  });

  it('has no assignment trail and asks nothing', async () => {
    const { client: c, requests } = client(notFound);
    expect(await freshdesk.assignmentTrail(c, ref)).toEqual([]);
    expect(requests).toHaveLength(0);
  });
});

describe('freshdesk writes', () => {
  it('posts a private note as escaped HTML and returns the entry', async () => {
    const note = { ...fixtureJson('freshdesk/note_create_response_2016.json'), ticket_id: 223 };
    const { client: c, requests } = client(() => json(note, 201));
    const entry = await freshdesk.addPrivateNote(c, ref, 'Credit <b>$25</b> & "thanks"\n[frontline:x]');
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/api/v2/tickets/223/notes',
        body: {
          body: '<div>Credit &lt;b&gt;$25&lt;/b&gt; &amp; &quot;thanks&quot;<br>[frontline:x]</div>',
          private: true,
        },
      },
    ]);
    expect(Entry.parse(entry)).toMatchObject({ id: '1', public: false, fromCustomer: false, authorId: '1' });
  });

  it('escapes every HTML-significant character and keeps line breaks', () => {
    expect(noteHtml("<script>alert('x')</script>\r\na\rb")).toBe(
      '<div>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>a<br>b</div>',
    );
  });

  it('adds a tag by read-merge-write, and skips the write when nothing changes', async () => {
    const { client: c, requests } = client((r) =>
      r.method === 'GET' ? json(ticket(223, { tags: ['a', 'b'] })) : json(ticket(223)),
    );
    await freshdesk.addTag(c, ref, 'frontline_credit');
    await freshdesk.addTag(c, ref, 'a');
    await freshdesk.removeTag(c, ref, 'b');
    await freshdesk.removeTag(c, ref, 'absent');
    expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/api/v2/tickets/223', undefined],
      ['PUT', '/api/v2/tickets/223', { tags: ['a', 'b', 'frontline_credit'] }],
      ['GET', '/api/v2/tickets/223', undefined],
      ['GET', '/api/v2/tickets/223', undefined],
      ['PUT', '/api/v2/tickets/223', { tags: ['a'] }],
      ['GET', '/api/v2/tickets/223', undefined],
    ]);
  });

  it('never writes tags when the current tags cannot be read', async () => {
    const { tags: _, ...noTags } = ticket(223);
    const { client: c, requests } = client(() => json(noTags));
    expect(await caught(() => freshdesk.addTag(c, ref, 'x'))).toMatchObject({
      kind: 'malformed',
      field: 'tags',
    });
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('assigns responder and group', async () => {
    const { client: c, requests } = client(() => json(ticket(223)));
    await freshdesk.assign(c, ref, { assigneeId: '501003979303', groupId: '501000283279' });
    await freshdesk.assign(c, ref, { assigneeId: null });
    expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['PUT', '/api/v2/tickets/223', { responder_id: 501003979303, group_id: 501000283279 }],
      ['PUT', '/api/v2/tickets/223', { responder_id: null }],
    ]);
  });

  it('a 400 validation failure is invalid with the field in the message', async () => {
    const body = {
      description: 'Validation failed',
      errors: [
        {
          field: 'responder_id',
          message: 'There is no agent matching the given responder_id',
          code: 'invalid_value',
        },
      ],
    };
    const e = await caught(() =>
      freshdesk.assign(client(() => json(body, 400)).client, ref, { assigneeId: '5' }),
    );
    expect(e).toMatchObject({ kind: 'invalid', status: 400, endpoint: 'PUT /api/v2/tickets/:id' });
    expect((e as Error).message).toBe(
      'Validation failed: responder_id: There is no agent matching the given responder_id',
    );
  });
});
