import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Helpdesk, SimTicket } from './data/model';
import { TicketMap } from './data/tag-index';
import { type Simulator, startSimulator } from './server';
import { csrfToken, type SimResponse, signIn, simFetch } from './testing/client';

/** The tag index searches read instead of scanning every ticket (test/sim/data/tag-index.ts). */
const TAG = 'fl_credit_4242';

const ticket = (id: string, tags: string[]): SimTicket => ({ id, tags }) as unknown as SimTicket;
const ids = (tickets: SimTicket[]): string[] => tickets.map((t) => t.id).sort();

describe('TicketMap: the tag index follows every way a ticket’s tags change', () => {
  it('assignment, push, splice, index writes, length, re-set and delete', () => {
    const map = new TicketMap();
    const a = ticket('1', ['x']);
    const b = ticket('2', [TAG]);
    map.set(a.id, a).set(b.id, b);
    expect(ids(map.withTag(TAG))).toEqual(['2']);

    a.tags.push(TAG);
    expect(ids(map.withTag(TAG))).toEqual(['1', '2']);
    b.tags.splice(0, 1);
    expect(ids(map.withTag(TAG))).toEqual(['1']);
    b.tags[0] = TAG;
    expect(ids(map.withTag(TAG))).toEqual(['1', '2']);
    a.tags.length = 1;
    expect(ids(map.withTag(TAG))).toEqual(['2']);
    expect(ids(map.withTag('x'))).toEqual(['1']);

    a.tags = [TAG, 'y'];
    expect(ids(map.withTag(TAG))).toEqual(['1', '2']);
    expect(map.withTag('x')).toEqual([]);
    // A list assigned then changed through the ticket is still watched; so is one swapped back.
    const kept = a.tags;
    a.tags = [];
    expect(ids(map.withTag(TAG))).toEqual(['2']);
    a.tags = kept;
    a.tags.push('z');
    expect(ids(map.withTag('z'))).toEqual(['1']);
    expect(ids(map.withTag(TAG))).toEqual(['1', '2']);

    const b2 = ticket('2', ['other']);
    map.set('2', b2);
    expect(ids(map.withTag(TAG))).toEqual(['1']);
    b.tags.push('late');
    expect(map.withTag('late')).toEqual([]);
    map.delete('1');
    expect(map.withTag(TAG)).toEqual([]);
    expect(ids(map.withTag('other'))).toEqual(['2']);
  });
});

let sim: Simulator;
const cookies = new Map<Helpdesk, string>();
let csrf = '';

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, size: 'tiny' });
  for (const helpdesk of ['zendesk', 'freshdesk'] as const)
    cookies.set(helpdesk, await signIn(sim, sim.data.accountOf(helpdesk).host));
  csrf = await csrfToken(sim, sim.data.accountOf('zendesk').host, cookies.get('zendesk') ?? '');
});
afterAll(() => sim.close());

const host = (helpdesk: Helpdesk) => sim.data.accountOf(helpdesk).host;

async function searchTag(helpdesk: Helpdesk, tag: string): Promise<string[]> {
  const path =
    helpdesk === 'zendesk'
      ? `/api/v2/search.json?query=${encodeURIComponent(`type:ticket tags:${tag}`)}`
      : `/api/v2/search/tickets?query=${encodeURIComponent(`"tag:'${tag}' OR (tag:'${tag}' AND status:2)"`)}`;
  const res: SimResponse = await simFetch(sim, host(helpdesk), path, { cookie: cookies.get(helpdesk) ?? '' });
  expect(res.status).toBe(200);
  return res
    .json<{ results: { id: number }[] }>()
    .results.map((r) => String(r.id))
    .sort();
}

/** What a scan of every ticket finds: the answer the index must give. */
const scanned = (helpdesk: Helpdesk, tag: string): string[] =>
  [...sim.data.accountOf(helpdesk).tickets.values()]
    .filter((t) => t.tags.includes(tag) && (helpdesk === 'zendesk' || !t.archived))
    .map((t) => t.id)
    .sort();

describe('a search with a tag term answers from the index what a scan would', () => {
  for (const helpdesk of ['zendesk', 'freshdesk'] as const)
    it(`${helpdesk}: tags added by a test's push and assignment, and by the API, and removed by it`, async () => {
      const closed = helpdesk === 'zendesk' ? 'closed' : '5';
      const live = [...sim.data.accountOf(helpdesk).tickets.values()].filter(
        (t) => !t.archived && t.status !== closed,
      );
      const [pushed, assigned, viaApi] = live as [SimTicket, SimTicket, SimTicket];
      expect(await searchTag(helpdesk, TAG)).toEqual([]);

      pushed.tags.push(TAG);
      assigned.tags = [...assigned.tags, TAG];
      const path =
        helpdesk === 'zendesk' ? `/api/v2/tickets/${viaApi.id}.json` : `/api/v2/tickets/${viaApi.id}`;
      const write = (body: unknown) =>
        simFetch(sim, host(helpdesk), path, {
          method: 'PUT',
          body,
          cookie: cookies.get(helpdesk) ?? '',
          headers: helpdesk === 'zendesk' ? { 'x-csrf-token': csrf } : {},
        });
      const added =
        helpdesk === 'zendesk'
          ? await write({ ticket: { additional_tags: [TAG] } })
          : await write({ tags: [...viaApi.tags, TAG] });
      expect(added.status).toBe(200);
      expect(await searchTag(helpdesk, TAG)).toEqual([pushed.id, assigned.id, viaApi.id].sort());
      expect(await searchTag(helpdesk, TAG)).toEqual(scanned(helpdesk, TAG));

      const removed =
        helpdesk === 'zendesk'
          ? await write({ ticket: { remove_tags: [TAG] } })
          : await write({ tags: viaApi.tags.filter((t) => t !== TAG) });
      expect(removed.status).toBe(200);
      expect(await searchTag(helpdesk, TAG)).toEqual([pushed.id, assigned.id].sort());
      expect(await searchTag(helpdesk, TAG)).toEqual(scanned(helpdesk, TAG));
    });
});
