import { describe, expect, it } from 'vitest';
import { dexieContextStore } from '../../../lib/db/context-store';
import { dexieEtagCache } from '../../../lib/db/etag-cache';
import { openDb } from '../../../lib/db/schema';
import type { Case, Customer } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';

const account = 'acme.zendesk.com';
const ref = (id: string): TicketRef => ({ helpdesk: 'zendesk', account, id });
const requester: Customer = {
  helpdesk: 'zendesk',
  account,
  id: '77',
  name: 'Cleo',
  email: null,
  organization: 'Org',
};
const makeCase = (id: string, day: number): Case => ({
  ref: ref(id),
  subject: `S${id}`,
  status: 'open',
  rawStatus: 'open',
  priority: null,
  channel: null,
  createdAt: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
  updatedAt: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
  requesterId: requester.id,
  assigneeId: null,
  groupId: null,
  tags: [],
  archived: false,
});

describe('dexieContextStore', () => {
  it('reads back the ticket, its requester, history, entries and the history state', async () => {
    const db = openDb(`store-${crypto.randomUUID()}`);
    const store = dexieContextStore(db, () => 1000);
    expect((await store.read(ref('1'))).case).toBeNull();
    await store.writeTicket({ case: makeCase('1', 5), requester, agents: [], groups: [] });
    await store.writeHistoryPage(account, requester.id, [makeCase('2', 3), makeCase('3', 9)]);
    await store.writeEntries(ref('1'), [
      {
        ticket: ref('1'),
        id: '5',
        authorId: '77',
        public: true,
        fromCustomer: true,
        text: 'hi',
        createdAt: '2026-10-05T00:00:00Z',
      },
    ]);
    await store.writeTrail(ref('1'), []);
    let context = await store.read(ref('1'));
    expect(context.case?.subject).toBe('S1');
    expect(context.requester?.organization).toBe('Org');
    expect(context.history.map((item) => item.ref.id).sort()).toEqual(['1', '2', '3']);
    expect(context.entries?.map((entry) => entry.text)).toEqual(['hi']);
    expect(context.trail).toEqual([]);
    expect(context.historyComplete).toBe(false);
    await store.finishHistory(account, requester.id, 3, 2000);
    context = await store.read(ref('1'));
    expect(context).toMatchObject({ historyComplete: true, historyTotal: 3, historyFetchedAt: 2000 });
    db.close();
  });

  it('keeps ETag answers', async () => {
    const db = openDb(`etag-${crypto.randomUUID()}`);
    const cache = dexieEtagCache(db);
    await cache.put('a/api/v2/x', { etag: '"1"', response: { status: 200, headers: {}, body: '{}' } });
    expect(await cache.get('a/api/v2/x')).toEqual({
      etag: '"1"',
      response: { status: 200, headers: {}, body: '{}' },
    });
    expect(await cache.get('missing')).toBeUndefined();
    db.close();
  });
});
