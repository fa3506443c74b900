import { describe, expect, it } from 'vitest';
import { freshdeskAdapter as freshdesk } from '../../../lib/helpdesks/freshdesk';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import { collect, fakeClient, fixtureJson, json, type Route, split } from './fake-client';

const ACCOUNT = 'history-completeness.freshdesk.com';
const REQUESTER = 501005088825;
const OTHER = 501005088999;
const DAY = 86_400_000;
const NOW = Date.now();

type Json = Record<string, unknown>;
const ticketView = fixtureJson('freshdesk/ticket_view.json');
const ticket = (id: number, requester: number, ageDays: number): Json => ({
  ...ticketView,
  id,
  requester_id: requester,
  status: 2,
  created_at: new Date(NOW - ageDays * DAY).toISOString(),
  updated_at: new Date(NOW - ageDays * DAY).toISOString(),
});

/** The requester's tickets: 3 of the last 30 days, 2 older; and 4 of another requester. */
const TICKETS = [
  ticket(1, REQUESTER, 200),
  ticket(2, REQUESTER, 90),
  ticket(3, OTHER, 60),
  ticket(4, REQUESTER, 20),
  ticket(5, OTHER, 15),
  ticket(6, REQUESTER, 10),
  ticket(7, OTHER, 5),
  ticket(8, REQUESTER, 1),
  ticket(9, OTHER, 1),
];

/**
 * `GET /tickets` as Freshdesk may answer it: without `updated_since` only tickets created in
 * the last 30 days; with it, `requester_id` either still applies ('combine') or is dropped.
 */
function ticketList(mode: 'combine' | 'ignore-requester', perPage = 2): Route {
  return (r) => {
    const { pathname, query } = split(r);
    if (pathname === '/api/v2/agents/me') return json({ ...me, ticket_scope: 1 });
    if (pathname !== '/api/v2/tickets') return json([]);
    const since = query.get('updated_since');
    const byRequester = since === null || mode === 'combine';
    const found = TICKETS.filter(
      (t) =>
        (!byRequester || String(t.requester_id) === query.get('requester_id')) &&
        (since !== null || Date.parse(String(t.created_at)) >= NOW - 30 * DAY),
    ).reverse();
    const page = Number(query.get('page'));
    const more = page * perPage < found.length;
    return json(
      found.slice((page - 1) * perPage, page * perPage),
      200,
      more ? { link: `<https://${ACCOUNT}/api/v2/tickets?page=${page + 1}>; rel="next"` } : {},
    );
  };
}

const me = fixtureJson('freshdesk/agent_me_docs_example.json');
const history = async (route: Route, account = ACCOUNT) => {
  const { client, requests } = fakeClient(route, freshdesk.allows);
  const pages = await collect(freshdesk.requesterHistory(client, account, String(REQUESTER)));
  return { pages, requests, ids: pages.flatMap((p) => p.cases.map((c) => c.ref.id)).sort() };
};
/** The list requests, each as [with updated_since, page]. */
const lists = (requests: HttpRequest[]) =>
  requests
    .map((r) => split(r))
    .filter((r) => r.pathname === '/api/v2/tickets')
    .map((r) => [r.query.has('updated_since'), r.query.get('page')]);

describe('Freshdesk history says what it holds (issue 16)', () => {
  it('says archived tickets are not included and links the contact page in Freshdesk', async () => {
    const { pages } = await history(ticketList('combine'));
    expect(pages.at(-1)?.completeness).toEqual({
      archivedIncluded: false,
      scope: 'all',
      contactUrl: `https://${ACCOUNT}/a/contacts/${REQUESTER}`,
    });
  });

  it.each([
    [1, 'all'],
    [2, 'visible'],
    [3, 'visible'],
  ] as const)('an agent of ticket_scope %i sees %s of the tickets', async (scope, expected) => {
    const route: Route = (r) =>
      split(r).pathname === '/api/v2/agents/me' ? json({ ...me, ticket_scope: scope }) : json([]);
    const { pages } = await history(route);
    expect(pages.at(-1)?.completeness?.scope).toBe(expected);
  });

  it('an agent whose scope cannot be read keeps the history, counted as all', async () => {
    const route: Route = (r) =>
      split(r).pathname === '/api/v2/agents/me'
        ? json({ code: 'access_denied', message: 'no' }, 403)
        : ticketList('combine')(r);
    const { pages, ids } = await history(route);
    expect(ids).toEqual(['1', '2', '4', '6', '8']);
    expect(pages.at(-1)?.completeness?.scope).toBe('all');
  });
});

describe('Freshdesk history: requester_id with updated_since, either way (issue 16)', () => {
  it('where they combine, the whole history comes from the combined query and the plain one costs one request', async () => {
    const { ids, requests } = await history(ticketList('combine'));
    expect(ids).toEqual(['1', '2', '4', '6', '8']);
    expect(lists(requests)).toEqual([
      [true, '1'],
      [true, '2'],
      [true, '3'],
      [false, '1'],
    ]);
  });

  it('where updated_since drops requester_id, no other requester’s ticket shows, the walk stops, and the plain query brings the last 30 days', async () => {
    const { ids, requests } = await history(ticketList('ignore-requester'));
    expect(ids).toEqual(['4', '6', '8']);
    expect(lists(requests)).toEqual([
      [true, '1'],
      [false, '1'],
      [false, '2'],
    ]);
  });
});
