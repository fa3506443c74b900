import { describe, expect, it } from 'vitest';
import type { Case } from '../../../lib/domain/model';
import type { HelpdeskAdapter, TicketQuery } from '../../../lib/helpdesks/adapter';
import { freshdeskAdapter } from '../../../lib/helpdesks/freshdesk';
import { freshdeskQuery } from '../../../lib/helpdesks/freshdesk/search';
import { HelpdeskError, type HttpRequest } from '../../../lib/helpdesks/http';
import { searchAll } from '../../../lib/helpdesks/search-walk';
import { zendeskAdapter } from '../../../lib/helpdesks/zendesk';
import { zendeskQuery } from '../../../lib/helpdesks/zendesk/search';
import { caught, fakeClient, json, split } from './fake-client';

const zdTicket = (id: number) => ({
  id,
  subject: `T${id}`,
  status: 'solved',
  priority: null,
  created_at: '2024-03-03T10:00:00Z',
  updated_at: '2024-03-04T10:00:00Z',
  requester_id: 7,
  assignee_id: 8,
  group_id: null,
  tags: ['frontline_credit'],
});
const fdTicket = (id: number) => ({
  id,
  subject: `T${id}`,
  status: 4,
  priority: 1,
  source: 1,
  created_at: '2024-03-03T10:00:00Z',
  updated_at: '2024-03-04T10:00:00Z',
  requester_id: 7,
  responder_id: 8,
  group_id: null,
  tags: ['frontline_credit'],
});
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const CREDIT: TicketQuery = { tag: 'frontline_credit', from: '2024-03-03' };

describe('search queries', () => {
  it.each<[TicketQuery, string, string]>([
    [
      CREDIT,
      'type:ticket tags:frontline_credit updated>=2024-03-03',
      `"tag:'frontline_credit' AND updated_at:>'2024-03-03'"`,
    ],
    [
      { assigneeId: '6130907993114', solved: true, from: '2024-03-01', until: '2024-04-01' },
      'type:ticket assignee:6130907993114 status>=solved updated>=2024-03-01 updated<2024-04-01',
      // `:<` includes its day: an exclusive end is the day before.
      `"agent_id:6130907993114 AND (status:4 OR status:5) AND updated_at:>'2024-03-01' AND updated_at:<'2024-03-31'"`,
    ],
    [
      { tag: 'fl_credit_6130907993114', from: '2026-12-01', updatedSince: '2026-12-03T10:00:00Z' },
      'type:ticket tags:fl_credit_6130907993114 updated>2026-12-03T10:00:00Z',
      `"tag:'fl_credit_6130907993114' AND updated_at:>'2026-12-03'"`,
    ],
    [
      // Milliseconds drop to the second (Zendesk); Freshdesk rounds the instant down to its day.
      {
        tag: 'fl_credit_48',
        from: '2026-12-01',
        until: '2027-01-01',
        updatedSince: '2026-12-03T23:59:59.999Z',
      },
      'type:ticket tags:fl_credit_48 updated>2026-12-03T23:59:59Z updated<2027-01-01',
      `"tag:'fl_credit_48' AND updated_at:>'2026-12-03' AND updated_at:<'2026-12-31'"`,
    ],
    [
      // An instant before the period's first day narrows nothing: the day stays the bound.
      { tag: 'fl_credit_12345678901234567890', from: '2026-12-01', updatedSince: '2026-11-30T23:55:00Z' },
      'type:ticket tags:fl_credit_12345678901234567890 updated>=2026-12-01',
      `"tag:'fl_credit_12345678901234567890' AND updated_at:>'2026-12-01'"`,
    ],
    [
      // Midnight itself is later than or equal to the day's start: the instant is the bound.
      { tag: 'fl_credit_7', from: '2026-12-01', updatedSince: '2026-12-01T00:00:00.000Z' },
      'type:ticket tags:fl_credit_7 updated>2026-12-01T00:00:00Z',
      `"tag:'fl_credit_7' AND updated_at:>'2026-12-01'"`,
    ],
    [
      // A part of a day too full for one search (review, issue 17): Zendesk bounds it to the second, Freshdesk includes the day.
      {
        tag: 'frontline_credit',
        from: '2026-12-01',
        until: '2026-12-02',
        updatedSince: '2026-12-01T11:59:59.000Z',
        updatedBefore: '2026-12-01T18:00:00.000Z',
      },
      'type:ticket tags:frontline_credit updated>2026-12-01T11:59:59Z updated<2026-12-01T18:00:00Z',
      `"tag:'frontline_credit' AND updated_at:>'2026-12-01' AND updated_at:<'2026-12-01'"`,
    ],
  ])('%o', (query, zendesk, freshdesk) => {
    expect(zendeskQuery(query)).toBe(zendesk);
    expect(freshdeskQuery(query)).toBe(freshdesk);
  });

  it.each<TicketQuery>([
    { tag: 'frontline_credit requester:1', from: '2024-03-03' },
    { tag: "x' OR tag:'y", from: '2024-03-03' },
    { tag: 'frontline_credit', from: '2024-03-03 status:open' },
    { tag: '', from: '2024-03-03' },
    { assigneeId: '1 OR 2', from: '2024-03-03' },
    { from: '2024-03-03', until: '2024-02-30x' },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedSince: '2026-12-03' },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedSince: '2026-12-03T10:00:00+02:00' },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedSince: '2026-12-03T10:00:00Z status:open' },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedSince: "2026-12-03' OR tag:'x" },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedSince: '2026-02-30T10:00:00Z' },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedSince: '2026-12-03T24:00:00Z' },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedSince: '' },
    { tag: 'FL_CREDIT_1', from: '2026-12-01' },
    { tag: 'fl_credit_1 tags:frontline_credit', from: '2026-12-01' },
    { tag: 'fl_credit_1', from: '2026-12-01', updatedBefore: '2026-12-03T10:00:00Z status:open' },
  ])('refuses a value that could change the query: %o', async (query) => {
    const { client, requests } = fakeClient(() => json({}), zendeskAdapter.allows);
    expect(
      await caught(() => zendeskAdapter.searchTickets(client, 'acme.zendesk.com', query)),
    ).toBeInstanceOf(HelpdeskError);
    expect(
      await caught(() => freshdeskAdapter.countTickets(client, 'acme.freshdesk.com', query)),
    ).toMatchObject({
      kind: 'invalid',
    });
    expect(requests).toEqual([]);
  });
});

describe('zendesk searchTickets', () => {
  it('reads every page newest update first, de-duplicating, as cases', async () => {
    const { client, requests } = fakeClient((request) => {
      const page = Number(split(request).query.get('page'));
      return json({
        results: (page === 1 ? range(1, 100) : [100, 6130907993114]).map(zdTicket),
        next_page: page === 1 ? 'https://acme.zendesk.com/api/v2/search.json?page=2' : null,
        count: 101,
      });
    }, zendeskAdapter.allows);
    const found = await zendeskAdapter.searchTickets(client, 'acme.zendesk.com', CREDIT);
    expect(found).toMatchObject({ total: 101, complete: true });
    expect(found.cases).toHaveLength(101);
    expect(found.cases.at(-1)).toMatchObject({
      ref: { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '6130907993114' },
      status: 'solved',
      updatedAt: '2024-03-04T10:00:00.000Z',
    });
    // The account's ledger field is asked beside the first search (once an hour, ledger-field.ts).
    const pages = requests.filter((r) => split(r).pathname === '/api/v2/search.json');
    const query = split(pages[0]!).query;
    expect(query.get('sort_by')).toBe('updated_at');
    expect(query.get('sort_order')).toBe('desc');
    expect(pages).toHaveLength(2);
  });

  it('asks the pages after the first together, once the first told how many there are', async () => {
    let inFlight = 0;
    let most = 0;
    const { client, requests } = fakeClient(async (request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((done) => setTimeout(done, 5));
      inFlight--;
      const page = Number(split(request).query.get('page'));
      return json({
        results: range(page * 100, page < 3 ? 100 : 50).map(zdTicket),
        next_page: null,
        count: 250,
      });
    }, zendeskAdapter.allows);
    const found = await zendeskAdapter.searchTickets(client, 'acme.zendesk.com', CREDIT);
    expect(found.cases).toHaveLength(250);
    expect(requests.map((r) => split(r).query.get('page'))).toEqual(['1', '2', '3']);
    expect(most).toBe(2);
  });

  it('stops after the first page when more match than 10 pages serve', async () => {
    const { client, requests } = fakeClient(
      () => json({ results: range(1, 100).map(zdTicket), next_page: 'x', count: 5000 }),
      zendeskAdapter.allows,
    );
    const found = await zendeskAdapter.searchTickets(client, 'acme.zendesk.com', CREDIT);
    expect(found).toMatchObject({ total: 5000, complete: false });
    expect(requests).toHaveLength(1);
  });

  it('counts with one result per page: count is the true total', async () => {
    const { client, requests } = fakeClient(
      () => json({ results: [zdTicket(1)], next_page: 'x', count: 4321 }),
      zendeskAdapter.allows,
    );
    expect(await zendeskAdapter.countTickets(client, 'acme.zendesk.com', CREDIT)).toBe(4321);
    expect(split(requests[0]!).query.get('per_page')).toBe('1');
  });
});

/** The searches, without the account's statuses read beside them (cached per account). */
const searches = (requests: HttpRequest[]) =>
  requests.filter((r) => split(r).pathname === '/api/v2/search/tickets');

describe('freshdesk searchTickets', () => {
  it('reads 30 a page until the total is reached', async () => {
    const { client, requests } = fakeClient((request) => {
      const page = Number(split(request).query.get('page'));
      return json({ results: (page === 1 ? range(1, 30) : range(31, 5)).map(fdTicket), total: 35 });
    }, freshdeskAdapter.allows);
    const found = await freshdeskAdapter.searchTickets(client, 'acme.freshdesk.com', CREDIT);
    expect(found).toMatchObject({ total: 35, complete: true });
    expect(found.cases[0]).toMatchObject({
      ref: { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '1' },
      status: 'solved',
      assigneeId: '8',
    });
    expect(searches(requests)).toHaveLength(2);
  });

  it('stops after the first page when more match than 10 pages serve', async () => {
    const { client, requests } = fakeClient(
      () => json({ results: range(1, 30).map(fdTicket), total: 1000 }),
      freshdeskAdapter.allows,
    );
    expect(await freshdeskAdapter.searchTickets(client, 'acme.freshdesk.com', CREDIT)).toMatchObject({
      complete: false,
    });
    expect(searches(requests)).toHaveLength(1);
  });
});

/** Tickets updated on given days; a search serves at most `cap` of them. */
function dayAdapter(perDay: Record<string, number>, cap: number) {
  const queries: TicketQuery[] = [];
  const adapter = {
    searchTickets: async (_c: unknown, account: string, query: TicketQuery) => {
      queries.push(query);
      const matches: Case[] = Object.entries(perDay).flatMap(([day, count]) =>
        day >= query.from && (query.until === undefined || day < query.until)
          ? range(0, count).map(
              (i) =>
                ({
                  ref: { helpdesk: 'zendesk', account, id: `${day}-${i}` },
                  updatedAt: `${day}T12:00:00.000Z`,
                }) as Case,
            )
          : [],
      );
      const complete = matches.length <= cap;
      return { cases: complete ? matches : matches.slice(0, 10), total: matches.length, complete };
    },
  } as unknown as HelpdeskAdapter;
  return { adapter, queries };
}

describe('searchAll', () => {
  it('one search when the matches fit', async () => {
    const { adapter, queries } = dayAdapter({ '2024-03-02': 5, '2024-03-05': 7 }, 1000);
    const found = await searchAll(adapter, async () => json({}), 'a', {
      ...CREDIT,
      from: '2024-03-01',
      until: '2024-03-08',
    });
    expect(found.cases).toHaveLength(12);
    expect(found.missed).toBe(0);
    expect(queries).toHaveLength(1);
  });

  it('halves the days until each part fits, and counts what a too-full single day leaves out', async () => {
    const { adapter, queries } = dayAdapter(
      { '2024-03-01': 600, '2024-03-02': 600, '2024-03-05': 900, '2024-03-07': 1500 },
      1000,
    );
    const found = await searchAll(adapter, async () => json({}), 'a', {
      ...CREDIT,
      from: '2024-03-01',
      until: '2024-03-09',
    });
    expect(found.cases).toHaveLength(600 + 600 + 900 + 10);
    expect(found.missed).toBe(1490);
    expect(new Set(found.cases.map((c) => c.ref.id)).size).toBe(found.cases.length);
    // Every day searched once at the deepest level it needed, none twice.
    const leaves = queries.filter((q) => q.until !== undefined);
    expect(leaves.length).toBeLessThan(12);
  });
});
