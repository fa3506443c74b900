import { describe, expect, it } from 'vitest';
import { freshdeskAdapter } from '../../../lib/helpdesks/freshdesk';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { zendeskAdapter } from '../../../lib/helpdesks/zendesk';
import { caught, fakeClient, json, split } from '../helpdesks/fake-client';

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i }));

describe('zendesk taggedSince', () => {
  it('searches by tag and update day, newest first, following pages and de-duplicating', async () => {
    const { client, requests } = fakeClient((request) => {
      const page = Number(split(request).query.get('page'));
      return json({
        results: page === 1 ? ids(1, 100) : [{ id: 100 }, { id: 6130907993114 }],
        next_page: page === 1 ? 'https://acme.zendesk.com/api/v2/search.json?page=2' : null,
        count: 101,
      });
    }, zendeskAdapter.allows);
    const found = await zendeskAdapter.taggedSince(
      client,
      'acme.zendesk.com',
      'frontline_credit',
      '2024-03-03',
    );
    expect(found).toHaveLength(101);
    expect(found.at(-1)).toEqual({ helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '6130907993114' });
    const query = split(requests[0]!).query;
    expect(query.get('query')).toBe('type:ticket tags:frontline_credit updated>=2024-03-03');
    expect(query.get('sort_by')).toBe('updated_at');
    expect(query.get('sort_order')).toBe('desc');
    expect(requests).toHaveLength(2);
  });

  it('stops at 10 pages (search serves no more than 1,000 results)', async () => {
    const { client, requests } = fakeClient(
      (request) =>
        json({
          results: ids(Number(split(request).query.get('page')) * 100, 100),
          next_page: 'x',
          count: 5000,
        }),
      zendeskAdapter.allows,
    );
    await zendeskAdapter.taggedSince(client, 'acme.zendesk.com', 'frontline_credit', '2024-03-03');
    expect(requests).toHaveLength(10);
  });

  it('refuses a tag or day that could change the query', async () => {
    const { client, requests } = fakeClient(() => json({}), zendeskAdapter.allows);
    for (const [tag, day] of [
      ['frontline_credit requester:1', '2024-03-03'],
      ['frontline_credit', '2024-03-03 status:open'],
      ['', '2024-03-03'],
    ] as const) {
      expect(
        await caught(() => zendeskAdapter.taggedSince(client, 'acme.zendesk.com', tag, day)),
      ).toBeInstanceOf(HelpdeskError);
    }
    expect(requests).toEqual([]);
  });
});

describe('freshdesk taggedSince', () => {
  it('filters by tag and update day, 30 a page, until the total is reached', async () => {
    const { client, requests } = fakeClient((request) => {
      const page = Number(split(request).query.get('page'));
      return json({ results: page === 1 ? ids(1, 30) : ids(31, 5), total: 35 });
    }, freshdeskAdapter.allows);
    const found = await freshdeskAdapter.taggedSince(
      client,
      'acme.freshdesk.com',
      'frontline_credit',
      '2024-03-03',
    );
    expect(found).toHaveLength(35);
    expect(found[0]).toEqual({ helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '1' });
    expect(split(requests[0]!).query.get('query')).toBe(
      `"tag:'frontline_credit' AND updated_at:>'2024-03-03'"`,
    );
    expect(requests).toHaveLength(2);
  });

  it('stops at page 10 (the filter API serves no more)', async () => {
    const { client, requests } = fakeClient(
      (request) => json({ results: ids(Number(split(request).query.get('page')) * 30, 30), total: 1000 }),
      freshdeskAdapter.allows,
    );
    await freshdeskAdapter.taggedSince(client, 'acme.freshdesk.com', 'frontline_credit', '2024-03-03');
    expect(requests).toHaveLength(10);
  });

  it('refuses a quote in the tag', async () => {
    const { client } = fakeClient(() => json({}), freshdeskAdapter.allows);
    const error = await caught(() =>
      freshdeskAdapter.taggedSince(client, 'acme.freshdesk.com', "x' OR tag:'y", '2024-03-03'),
    );
    expect(error).toMatchObject({ kind: 'invalid' });
  });
});
