import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketQuery } from '../../lib/helpdesks/adapter';
import { freshdeskQuery } from '../../lib/helpdesks/freshdesk/search';
import { zendeskQuery } from '../../lib/helpdesks/zendesk/search';
import type { Helpdesk, SimTicket } from './data/model';
import { type Simulator, startSimulator } from './server';
import { type SimResponse, signIn, simFetch } from './testing/client';

/** The search terms a rep's own ledger sends (lib/credit/ledger-sync.ts), as the query builders write them. */
let sim: Simulator;
const cookies = new Map<Helpdesk, string>();

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, size: 'tiny' });
  for (const helpdesk of ['zendesk', 'freshdesk'] as const)
    cookies.set(helpdesk, await signIn(sim, sim.data.accountOf(helpdesk).host));
});
afterAll(() => sim.close());

const MY_TAG = 'fl_credit_90210';

/** Three live tickets of the helpdesk carry my tag, updated at the given instants; the rest do not. */
function tagThree(helpdesk: Helpdesk, at: readonly string[]): SimTicket[] {
  const tickets = [...sim.data.accountOf(helpdesk).tickets.values()].filter((t) => !t.archived);
  for (const t of tickets) t.tags = t.tags.filter((tag) => tag !== MY_TAG);
  return at.map((updatedAt, i) => {
    const t = tickets[i] as SimTicket;
    t.tags = [...t.tags, MY_TAG];
    t.updatedAt = updatedAt;
    return t;
  });
}

async function search(helpdesk: Helpdesk, query: TicketQuery): Promise<{ status: number; ids: string[] }> {
  const host = sim.data.accountOf(helpdesk).host;
  const path =
    helpdesk === 'zendesk'
      ? `/api/v2/search.json?query=${encodeURIComponent(zendeskQuery(query))}&sort_by=updated_at&sort_order=desc`
      : `/api/v2/search/tickets?query=${encodeURIComponent(freshdeskQuery(query))}&page=1`;
  const res: SimResponse = await simFetch(sim, host, path, { cookie: cookies.get(helpdesk) ?? '' });
  const ids =
    res.status === 200 ? res.json<{ results: { id: number }[] }>().results.map((r) => String(r.id)) : [];
  return { status: res.status, ids: ids.sort() };
}

const AT = ['2026-12-01T08:00:00Z', '2026-12-03T09:59:59Z', '2026-12-03T10:00:01Z'];

describe('simulated search serves the own-ledger terms', () => {
  it('Zendesk: tags:fl_credit_… with updated>ISO compares to the second', async () => {
    const [early, before, after] = tagThree('zendesk', AT).map((t) => t.id);
    const all = await search('zendesk', { tag: MY_TAG, from: '2026-11-30' });
    expect(all).toEqual({ status: 200, ids: [early, before, after].sort() });
    const since = await search('zendesk', {
      tag: MY_TAG,
      from: '2026-11-30',
      updatedSince: '2026-12-03T10:00:00Z',
    });
    expect(since).toEqual({ status: 200, ids: [after] });
  });

  it("Freshdesk: tag:'fl_credit_…' with updatedSince rounded down to its day includes the whole day", async () => {
    const [, before, after] = tagThree('freshdesk', AT).map((t) => t.id);
    const since = await search('freshdesk', {
      tag: MY_TAG,
      from: '2026-11-30',
      updatedSince: '2026-12-03T10:00:00Z',
    });
    expect(since).toEqual({ status: 200, ids: [before, after].sort() });
  });

  it('Freshdesk refuses a time of day in a date filter, as its filter compares days', async () => {
    const host = sim.data.accountOf('freshdesk').host;
    const query = encodeURIComponent(`"tag:'${MY_TAG}' AND updated_at:>'2026-12-03T10:00:00Z'"`);
    const res = await simFetch(sim, host, `/api/v2/search/tickets?query=${query}`, {
      cookie: cookies.get('freshdesk') ?? '',
    });
    expect(res.status).toBe(400);
  });
});
