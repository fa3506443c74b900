import { describe, expect, it } from 'vitest';
import { freshdeskAdapter as freshdesk } from '../../../lib/helpdesks/freshdesk';
import { freshdeskQuery } from '../../../lib/helpdesks/freshdesk/search';
import { statusMeanings } from '../../../lib/helpdesks/freshdesk/statuses';
import { fakeClient, fixtureJson, json, type Route, split } from './fake-client';

/** `GET /api/v2/ticket_fields` status choices: [agent label, customer label]. */
const CHOICES: Record<string, string[]> = {
  '2': ['Open', 'Being Processed'],
  '3': ['Pending', 'Awaiting your Reply'],
  '4': ['Resolved', 'This ticket has been Resolved'],
  '5': ['Closed', 'This ticket has been Closed'],
  '6': ['Waiting on Customer', 'Awaiting your Reply'],
  '7': ['Waiting on Third Party', 'Being Processed'],
  '10': ['Solved by bot', 'This ticket has been Resolved'],
  '11': ['Archived by policy', ' this ticket has been closed '],
  '9000': ['Assigned to AI Agent', 'Assigned to AI Agent'],
};
const FIELDS = [
  { name: 'requester', choices: {} },
  { name: 'status', choices: CHOICES },
  { name: 'cf_reason', choices: ['damaged', 'late'] },
];

describe('Freshdesk custom statuses that mean resolved (issue 16)', () => {
  it('a custom status shown to customers as Resolved or Closed means solved or closed', () => {
    expect([...statusMeanings(FIELDS)].sort()).toEqual([
      [10, 'solved'],
      [11, 'closed'],
    ]);
  });

  it.each([
    ['no status field', [{ name: 'requester', choices: {} }]],
    ['choices of another shape', [{ name: 'status', choices: ['Open'] }]],
    ['no customer labels', [{ name: 'status', choices: { '4': ['Resolved'], '10': ['Solved by bot'] } }]],
  ])('means nothing with %s', (_, fields) => {
    expect(statusMeanings(fields).size).toBe(0);
  });

  const ticketView = fixtureJson('freshdesk/ticket_view.json');
  const account = (name: string) => `${name}.freshdesk.com`;
  const route =
    (search: unknown[] = []): Route =>
    (r) => {
      const { pathname } = split(r);
      if (pathname === '/api/v2/ticket_fields') return json(FIELDS);
      if (pathname === '/api/v2/search/tickets') return json({ results: search, total: search.length });
      return json({ ...ticketView, id: 223, status: 10, requester: { id: 1, name: 'Dana' } });
    };

  it('a ticket in a custom resolved status reads as solved, keeping its number', async () => {
    const { client } = fakeClient(route(), freshdesk.allows);
    const ref = { helpdesk: 'freshdesk' as const, account: account('custom-read'), id: '223' };
    const { case: read } = await freshdesk.ticket(client, ref);
    expect([read.status, read.rawStatus]).toEqual(['solved', '10']);
  });

  it('the review’s solved search and count ask for the custom resolved statuses too, and read them as solved', async () => {
    const query = { assigneeId: '8', solved: true, from: '2024-03-01' };
    expect(freshdeskQuery(query, statusMeanings(FIELDS))).toBe(
      `"agent_id:8 AND (status:4 OR status:5 OR status:10 OR status:11) AND updated_at:>'2024-03-01'"`,
    );
    const found = [{ ...ticketView, id: 5, status: 10 }];
    const { client, requests } = fakeClient(route(found), freshdesk.allows);
    const result = await freshdesk.searchTickets(client, account('custom-search'), query);
    expect(result.cases.map((c) => c.status)).toEqual(['solved']);
    await freshdesk.countTickets(client, account('custom-search'), query);
    const asked = requests
      .filter((r) => split(r).pathname === '/api/v2/search/tickets')
      .map((r) => split(r).query.get('query'));
    expect(asked).toHaveLength(2);
    for (const q of asked) expect(q).toContain('status:10 OR status:11');
    // Read once for the account, not per search.
    expect(requests.filter((r) => split(r).pathname === '/api/v2/ticket_fields')).toHaveLength(1);
  });

  it.each([
    ['a refusal is kept for the hour', json({ code: 'access_denied', message: 'no' }, 403), 'refused', 1],
    ['a server failure is asked again', json({}, 503), 'failing', 2],
  ])('statuses that cannot be read leave custom statuses custom; %s', async (_, answer, name, asked) => {
    const failing: Route = (r) => (split(r).pathname === '/api/v2/ticket_fields' ? answer : route()(r));
    const { client, requests } = fakeClient(failing, freshdesk.allows);
    const ref = { helpdesk: 'freshdesk' as const, account: account(`custom-${name}`), id: '223' };
    expect((await freshdesk.ticket(client, ref)).case.status).toBe('custom');
    await freshdesk.ticket(client, ref);
    expect(requests.filter((r) => split(r).pathname === '/api/v2/ticket_fields')).toHaveLength(asked);
  });

  it('the pin watcher’s reads ask the ticket fields once an hour (ledger field and statuses in one read)', async () => {
    const standard: Route = (r) =>
      split(r).pathname === '/api/v2/ticket_fields'
        ? json(FIELDS)
        : json({ ...ticketView, id: 1, status: 2 });
    const plain = fakeClient(standard, freshdesk.allows);
    await freshdesk.cases?.read(plain.client, account('pins-standard'), ['1']);
    expect(plain.requests.map((r) => split(r).pathname)).toEqual([
      '/api/v2/tickets/1',
      '/api/v2/ticket_fields',
    ]);
    await freshdesk.cases?.read(plain.client, account('pins-standard'), ['1']);
    expect(plain.requests.map((r) => split(r).pathname).slice(2)).toEqual(['/api/v2/tickets/1']);

    const custom = fakeClient(route(), freshdesk.allows);
    const [read] = (await freshdesk.cases?.read(custom.client, account('pins-custom'), ['223'])) ?? [];
    expect(read?.status).toBe('solved');
  });
});
