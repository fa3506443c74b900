import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimTicket } from './data/model';
import { type Simulator, startSimulator } from './server';
import { basic, csrfToken, type SimResponse, signIn, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
let sim: Simulator;
let cookie: string;
let csrf: string;
let sample: SimTicket;

interface Ticket {
  id: number;
  subject: string;
  tags: string[];
  updated_at: string;
  requester_id: number;
  custom_fields: { id: number; value: unknown }[];
}

const get = (path: string): Promise<SimResponse> => simFetch(sim, ZD, path, { cookie });
const write = (method: string, path: string, body: unknown): Promise<SimResponse> =>
  simFetch(sim, ZD, path, { method, body, cookie, headers: { 'x-csrf-token': csrf } });

/** A live, open ticket no other test writes to. */
function freshTicket(skip: Set<string> = used): SimTicket {
  const found = [...sim.data.account(ZD).tickets.values()].find(
    (t) => !t.archived && t.status === 'open' && !skip.has(t.id),
  );
  if (!found) throw new Error('no open ticket left');
  skip.add(found.id);
  return found;
}
const used = new Set<string>();

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, size: 'demo' });
  cookie = await signIn(sim, ZD);
  csrf = await csrfToken(sim, ZD, cookie);
  sample = sim.data.sampleTicket('zendesk');
  used.add(sample.id);
});
afterAll(() => sim.close());

describe('Zendesk users/me and auth', () => {
  it('answers 200 with an anonymous user (no id) when not signed in', async () => {
    const res = await simFetch(sim, ZD, '/api/v2/users/me.json');
    expect(res.status).toBe(200);
    const { user } = res.json<{ user: { id: null; name: string; role: string } }>();
    expect(user.id).toBeNull();
    expect(user.role).toBe('end-user');
  });

  it('gives the signed-in agent with an authenticity_token', async () => {
    const { user } = (await get('/api/v2/users/me.json')).json<{
      user: { id: number; email: string; authenticity_token: string };
    }>();
    expect(user.email).toBe('ada@acme.test');
    expect(user.id).toBeGreaterThan(2 ** 32);
    expect(user.authenticity_token).toBe(csrf);
  });

  it('refuses other endpoints without credentials with the documented 401', async () => {
    const res = await simFetch(sim, ZD, `/api/v2/tickets/${sample.id}.json`);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: "Couldn't authenticate you" });
  });

  it('accepts email/token:TOKEN and rejects a wrong token with 401, even on users/me', async () => {
    const token = sim.data.account(ZD).apiToken;
    const ok = await simFetch(sim, ZD, '/api/v2/users/me.json', {
      headers: { authorization: basic('ben@acme.test/token', token) },
    });
    expect(ok.json<{ user: { email: string } }>().user.email).toBe('ben@acme.test');
    const bad = await simFetch(sim, ZD, '/api/v2/users/me.json', {
      headers: { authorization: basic('ben@acme.test/token', 'nope') },
    });
    expect(bad.status).toBe(401);
    expect(bad.json()).toEqual({ error: "Couldn't authenticate you" });
  });

  it('needs X-CSRF-Token on session writes, with a configurable rejection status; token writes need none', async () => {
    const ticket = freshTicket();
    const path = `/api/v2/tickets/${ticket.id}/tags.json`;
    const missing = await simFetch(sim, ZD, path, { method: 'PUT', body: { tags: ['x'] }, cookie });
    expect(missing.status).toBe(403);
    expect(missing.json<{ error: string }>().error).toBe('Forbidden');
    sim.control.setCsrf('zendesk', { status: 422 });
    const wrong = await simFetch(sim, ZD, path, {
      method: 'PUT',
      body: { tags: ['x'] },
      cookie,
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(wrong.status).toBe(422);
    sim.control.setCsrf('zendesk', { status: 403 });
    const token = sim.data.account(ZD).apiToken;
    const viaToken = await simFetch(sim, ZD, path, {
      method: 'PUT',
      body: { tags: ['x'] },
      headers: { authorization: basic('ada@acme.test/token', token) },
    });
    expect(viaToken.status).toBe(200);
    expect(sim.data.ticket(ZD, ticket.id)?.tags).toContain('x');
  });

  it('signs out at /access/logout: the cookie stops working', async () => {
    const other = await signIn(sim, ZD, 'ben@acme.test');
    const me = await simFetch(sim, ZD, '/api/v2/users/me.json', { cookie: other });
    expect(me.json<{ user: { email: string } }>().user.email).toBe('ben@acme.test');
    const out = await simFetch(sim, ZD, '/access/logout', { cookie: other });
    expect(out.headers['set-cookie']).toContain('Max-Age=0');
    const after = await simFetch(sim, ZD, '/api/v2/users/me.json', { cookie: other });
    expect(after.json<{ user: { id: null } }>().user.id).toBeNull();
  });
});

describe('Zendesk tickets and users', () => {
  it('side-loads users, groups, organizations and dates', async () => {
    const res = await get(`/api/v2/tickets/${sample.id}.json?include=users,groups,organizations,dates`);
    const body = res.json<{
      ticket: Ticket & { dates: Record<string, unknown> };
      users: { id: number }[];
      groups: { name: string }[];
      organizations: unknown[];
    }>();
    expect(body.ticket.subject).toBe(sample.subject);
    expect(body.users.map((u) => String(u.id))).toContain(sample.requesterId);
    expect(body.groups.map((g) => g.name)).toEqual(['Support']);
    expect(Array.isArray(body.organizations)).toBe(true);
    expect(Object.keys(body.ticket.dates)).toContain('latest_comment_added_at');
    expect((await get(`/api/v2/tickets/${sample.id}.json`)).json<object>()).not.toHaveProperty('users');
  });

  it('show_many returns the known ids and skips unknown ones', async () => {
    const res = await get(`/api/v2/tickets/show_many.json?ids=${sample.id},99999999,1`);
    expect(res.json<{ tickets: Ticket[] }>().tickets.map((t) => String(t.id))).toEqual([sample.id, '1']);
    const users = await get(`/api/v2/users/show_many.json?ids=${sample.requesterId},${sample.assigneeId}`);
    expect(users.json<{ users: unknown[] }>().users).toHaveLength(2);
    expect(
      (await get(`/api/v2/users/${sample.requesterId}.json`)).json<{ user: { role: string } }>().user.role,
    ).toBe('end-user');
  });

  it('answers a missing ticket with 404 RecordNotFound', async () => {
    const res = await get('/api/v2/tickets/424242424.json');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'RecordNotFound', description: 'Not found' });
  });

  it('ETag and If-None-Match give 304 until the ticket changes', async () => {
    const ticket = freshTicket();
    const first = await get(`/api/v2/tickets/${ticket.id}.json`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    const again = await simFetch(sim, ZD, `/api/v2/tickets/${ticket.id}.json`, {
      cookie,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    sim.control.addNote(ticket, 'changed');
    const changed = await simFetch(sim, ZD, `/api/v2/tickets/${ticket.id}.json`, {
      cookie,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
  });
});

describe('Zendesk requested tickets', () => {
  it('cursor pages keep links.next when has_more is false, and leave archived tickets out', async () => {
    const all = sim.data.requesterTickets(ZD, sample.requesterId);
    const live = all.filter((t) => !t.archived);
    expect(all.length).toBeGreaterThan(live.length);
    const seen: string[] = [];
    let url = `/api/v2/users/${sample.requesterId}/tickets/requested.json?page[size]=5`;
    let last: { meta: { has_more: boolean }; links: { next: string | null } } | null = null;
    for (let i = 0; i < 10; i++) {
      const page = (await get(url)).json<{
        tickets: Ticket[];
        meta: { has_more: boolean };
        links: { next: string | null };
      }>();
      seen.push(...page.tickets.map((t) => String(t.id)));
      last = page;
      if (!page.meta.has_more) break;
      url = (page.links.next as string).replace(`https://${ZD}`, '');
    }
    expect(last?.meta.has_more).toBe(false);
    expect(last?.links.next).toMatch(/page%5Bafter%5D=/);
    expect(seen).toEqual(live.map((t) => t.id));
  });

  it('offset pages give next_page/previous_page/count; past 10,000 records is 400', async () => {
    const res = await get(`/api/v2/users/${sample.requesterId}/tickets/requested.json?per_page=3&page=2`);
    const body = res.json<{
      tickets: Ticket[];
      next_page: string | null;
      previous_page: string | null;
      count: number;
    }>();
    expect(body.tickets).toHaveLength(3);
    expect(body.previous_page).toContain('page=1');
    expect(body.count).toBe(
      sim.data.requesterTickets(ZD, sample.requesterId).filter((t) => !t.archived).length,
    );
    const far = await get(`/api/v2/users/${sample.requesterId}/tickets/requested.json?per_page=100&page=101`);
    expect(far.status).toBe(400);
  });
});

describe('Zendesk comments and audits', () => {
  it('comments: cursor, sort, public flag and the three bodies', async () => {
    const long = [...sim.data.account(ZD).tickets.values()].find((t) => {
      const n = sim.data.thread(t).comments.length;
      return n > 40 && n <= 100;
    }) as SimTicket;
    const asc = (await get(`/api/v2/tickets/${long.id}/comments.json?page[size]=100`)).json<{
      comments: {
        id: number;
        created_at: string;
        public: boolean;
        body: string;
        html_body: string;
        plain_body: string;
      }[];
    }>();
    const desc = (
      await get(`/api/v2/tickets/${long.id}/comments.json?page[size]=100&sort=-created_at`)
    ).json<{ comments: { id: number }[] }>();
    expect(desc.comments.map((c) => c.id)).toEqual(asc.comments.map((c) => c.id).reverse());
    expect(asc.comments.some((c) => c.public === false)).toBe(true);
    const first = asc.comments[0];
    expect(first?.plain_body).toBe(long.description);
    expect(first?.html_body).toContain('zd-comment');
    const offsetDesc = (
      await get(`/api/v2/tickets/${long.id}/comments.json?sort_order=desc&per_page=2`)
    ).json<{ comments: { id: number }[] }>();
    expect(offsetDesc.comments.map((c) => c.id)).toEqual(desc.comments.slice(0, 2).map((c) => c.id));
  });

  it('audits: reassignments are Change events on group_id/assignee_id with string values', async () => {
    const escalated = sim.data.ticket(ZD, String(Number(sample.id)))?.requesterId;
    const tier2 = sim.data
      .requesterTickets(ZD, escalated as string)
      .find((t) => t.groupId === sim.data.groupByName(ZD, 'Tier 2')?.id) as SimTicket;
    const body = (await get(`/api/v2/tickets/${tier2.id}/audits.json`)).json<{
      audits: {
        events: { type: string; field_name?: string; value?: unknown; previous_value?: unknown }[];
      }[];
    }>();
    const changes = body.audits
      .flatMap((a) => a.events)
      .filter((e) => e.type === 'Change' && (e.field_name === 'group_id' || e.field_name === 'assignee_id'));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(['string', 'object']).toContain(typeof change.value);
    const lastGroup = changes.filter((c) => c.field_name === 'group_id').at(-1);
    expect(lastGroup?.value).toBe(tier2.groupId);
  });

  it('audits side-load their authors with include=users; a stranger’s email is a private comment by them', async () => {
    const ticket = freshTicket();
    const comment = sim.control.addForeignEmail(ticket, 'Please credit me [frontline:owner v1 agent=1]');
    const body = (await get(`/api/v2/tickets/${ticket.id}/audits.json?include=users&page[size]=100`)).json<{
      audits: {
        author_id: number;
        events: { type: string; id: number; author_id?: number; plain_body?: string; public?: boolean }[];
      }[];
      users: { id: number; role: string }[];
    }>();
    const audit = body.audits.find((a) => a.events.some((e) => e.id === Number(comment.id)))!;
    const event = audit.events.find((e) => e.type === 'Comment')!;
    expect(event).toMatchObject({ public: false, author_id: audit.author_id, plain_body: comment.body });
    expect(String(event.author_id)).not.toBe(ticket.requesterId);
    expect(body.users.find((u) => u.id === event.author_id)?.role).toBe('end-user');
  });

  it('archived tickets give all audits in one unpaginated answer', async () => {
    const archived = sim.data.requesterTickets(ZD, sample.requesterId).find((t) => t.archived) as SimTicket;
    const res = (await get(`/api/v2/tickets/${archived.id}/audits.json?per_page=1`)).json<{
      audits: unknown[];
      next_page: null;
      count: number;
    }>();
    expect(res.audits.length).toBe(res.count);
    expect(res.next_page).toBeNull();
  });
});

describe('Zendesk search', () => {
  const search = (query: string, extra = ''): Promise<SimResponse> =>
    get(`/api/v2/search.json?query=${encodeURIComponent(query)}${extra}`);

  it('finds a requester’s tickets, archived ones included, with result_type', async () => {
    const res = (await search(`type:ticket requester:${sample.requesterId}`)).json<{
      results: (Ticket & { result_type: string })[];
      count: number;
    }>();
    expect(res.count).toBe(sim.data.requesterTickets(ZD, sample.requesterId).length);
    expect(res.results.every((r) => r.result_type === 'ticket')).toBe(true);
    const byEmail = (await search('type:ticket requester:maya@customer.test')).json<{ count: number }>();
    expect(byEmail.count).toBe(res.count);
  });

  it('understands tags:, status<, created> and updated>=', async () => {
    const tagged = (await search('type:ticket tags:refund')).json<{ results: Ticket[]; count: number }>();
    expect(tagged.count).toBe(
      [...sim.data.account(ZD).tickets.values()].filter((t) => t.tags.includes('refund')).length,
    );
    const unsolved = (await search('type:ticket status<solved', '&per_page=100')).json<{ count: number }>();
    expect(unsolved.count).toBe(
      [...sim.data.account(ZD).tickets.values()].filter((t) =>
        ['new', 'open', 'pending', 'hold'].includes(t.status),
      ).length,
    );
    const since = sample.createdAt.slice(0, 10);
    const recent = (await search(`type:ticket created>${since} updated>=${since}`)).json<{
      results: Ticket[];
    }>();
    expect(
      recent.results.every((t) => (t as unknown as { created_at: string }).created_at.slice(0, 10) > since),
    ).toBe(true);
  });

  it('caps at 1,000 results: page 11 gives 422; page[size] gives 400', async () => {
    const eleven = await search('type:ticket', '&page=11');
    expect(eleven.status).toBe(422);
    expect(eleven.json<{ error: string }>().error).toBe('invalid');
    const cursor = await search('type:ticket', '&page[size]=10');
    expect(cursor.status).toBe(400);
    expect(cursor.json<{ error: { title: string } }>().error.title).toBe('Invalid attribute');
  });
});

describe('Zendesk writes', () => {
  it('PUT with a private comment and a custom field returns {ticket, audit}', async () => {
    const ticket = freshTicket();
    const field = sim.data.account(ZD).ticketFields[0];
    const res = await write('PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: {
        comment: { body: 'Credit $25 granted', public: false },
        custom_fields: [{ id: Number(field?.id), value: '25.00' }],
      },
    });
    expect(res.status).toBe(200);
    const body = res.json<{
      ticket: Ticket;
      audit: { events: { type: string; public?: boolean; field_name?: string }[] };
    }>();
    expect(body.ticket.custom_fields.find((f) => String(f.id) === field?.id)?.value).toBe('25.00');
    expect(body.audit.events.find((e) => e.type === 'Comment')?.public).toBe(false);
    expect(body.audit.events.some((e) => e.type === 'Change' && e.field_name === field?.id)).toBe(true);
    const last = sim.data.comments(ZD, ticket.id).at(-1);
    expect(last).toMatchObject({ body: 'Credit $25 granted', public: false });
  });

  it('safe_update with a stale updated_stamp gives 409', async () => {
    const ticket = freshTicket();
    sim.control.addReply(ticket, 'customer wrote meanwhile');
    const res = await write('PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: { status: 'pending', safe_update: true, updated_stamp: '2000-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(409);
    expect(res.json<{ error: string }>().error).toBe('UpdateConflict');
    const fresh = await write('PUT', `/api/v2/tickets/${ticket.id}.json`, {
      ticket: {
        status: 'pending',
        safe_update: true,
        updated_stamp: sim.data.ticket(ZD, ticket.id)?.updatedAt,
      },
    });
    expect(fresh.status).toBe(200);
  });

  it('tags.json: PUT adds, POST replaces, DELETE removes', async () => {
    const ticket = freshTicket();
    const path = `/api/v2/tickets/${ticket.id}/tags.json`;
    const before = [...ticket.tags];
    const added = (await write('PUT', path, { tags: ['frontline_owner'] })).json<{ tags: string[] }>();
    expect(added.tags).toEqual([...before, 'frontline_owner']);
    const removed = (await write('DELETE', path, { tags: ['frontline_owner'] })).json<{ tags: string[] }>();
    expect(removed.tags).toEqual(before);
    const replaced = (await write('POST', path, { tags: ['only_this'] })).json<{ tags: string[] }>();
    expect(replaced.tags).toEqual(['only_this']);
    expect((await get(path)).json<{ tags: string[] }>().tags).toEqual(['only_this']);
  });

  it('refuses updates to closed tickets with 422', async () => {
    const closed = [...sim.data.account(ZD).tickets.values()].find((t) => t.status === 'closed') as SimTicket;
    const res = await write('PUT', `/api/v2/tickets/${closed.id}.json`, {
      ticket: { comment: { body: 'hi', public: false } },
    });
    expect(res.status).toBe(422);
    expect(res.json<{ error: string }>().error).toBe('RecordInvalid');
  });
});

describe('Zendesk groups and fields', () => {
  it('lists groups with escalation tiers, ticket fields and custom statuses', async () => {
    const groups = (await get('/api/v2/groups.json')).json<{ groups: { name: string }[]; count: number }>();
    expect(groups.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining(['Support', 'Tier 2', 'Billing escalations']),
    );
    const fields = (await get('/api/v2/ticket_fields.json')).json<{ ticket_fields: { title: string }[] }>();
    expect(fields.ticket_fields.map((f) => f.title)).toContain('Credit amount');
    const statuses = (await get('/api/v2/custom_statuses.json')).json<{
      custom_statuses: { agent_label: string }[];
    }>();
    expect(statuses.custom_statuses.map((s) => s.agent_label)).toContain('Escalated to Tier 2');
    const ben = sim.data.userByEmail(ZD, 'ben@acme.test');
    const benGroups = (await get(`/api/v2/users/${ben?.id}/groups.json`)).json<{
      groups: { name: string }[];
    }>();
    expect(benGroups.groups.map((g) => g.name)).toEqual(['Tier 2', 'Billing escalations']);
  });
});
