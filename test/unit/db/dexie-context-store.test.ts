import { describe, expect, it } from 'vitest';
import { dexieContextStore } from '../../../lib/db/dexie-context-store';
import { dexieEtagCache } from '../../../lib/db/dexie-etag-cache';
import { putGrant } from '../../../lib/db/grant-queries';
import { refKey } from '../../../lib/domain/ticket-ref';
import { ACCOUNT, agent, customer, entry, freshDb, grant, group, makeCase, ref } from './factories';

describe('dexieContextStore', () => {
  it('reads an empty context for a ticket never seen', async () => {
    const store = dexieContextStore(freshDb(), () => 1_000);
    expect(await store.read(ref(1))).toEqual({
      case: null,
      requester: null,
      historyComplete: false,
      historyTotal: null,
      historyCompleteness: null,
      historyFetchedAt: null,
      entries: null,
      trail: null,
      agents: [],
      groups: [],
      grants: [],
      me: null,
      groupsListedAt: null,
    });
  });

  it('reads the account’s agents and groups before the ticket is cached, and a requester’s part alone', async () => {
    const db = freshDb();
    const store = dexieContextStore(db, () => 1_000);
    await store.writeAgents([agent('501', 'Bo Tier2')]);
    await store.writeGroupList(ACCOUNT, 'zendesk', [group()]);
    await store.finishHistory(ACCOUNT, '900', 2, 4_000);
    const onThisCustomer = grant(ref(2), 'recorded');
    await putGrant(db, onThisCustomer);
    const cold = await store.read(ref(1));
    expect(cold.case).toBeNull();
    expect(cold.agents.map((item) => item.id)).toEqual(['501']);
    expect(cold.groups).toEqual([group()]);
    expect(cold.grants).toEqual([]);
    expect(await store.readRequester(ACCOUNT, '900')).toEqual({
      historyComplete: true,
      historyTotal: 2,
      historyCompleteness: null,
      historyFetchedAt: 4_000,
      grants: [onThisCustomer],
    });
  });

  it('reads back what the sync wrote, with the requester history and grants', async () => {
    const db = freshDb();
    const store = dexieContextStore(db, () => 1_000);
    const current = makeCase(1, { updatedMs: 1_700_000_500_000 });
    await store.writeTicket({ case: current, requester: customer(), agents: [agent()], groups: [] });
    await store.writeHistoryPage(ACCOUNT, '900', [makeCase(2), makeCase(3, { requesterId: '901' })]);
    await store.finishHistory(ACCOUNT, '900', 2, 4_000);
    await store.writeEntries(ref(1), [entry(ref(1), 7, 1_000)]);
    await store.writeTrail(ref(1), []);
    await store.writeAgents([agent('501', 'Bo Tier2')]);
    await store.writeGroupList(ACCOUNT, 'zendesk', [group()]);
    await store.writeMe(ACCOUNT, agent());
    const onThisCustomer = grant(ref(2), 'recorded');
    await putGrant(db, onThisCustomer);
    await putGrant(db, grant(ref(3), 'recorded', { customerId: '901' }));

    const cached = await store.read(ref(1));
    expect(cached.case).toEqual(current);
    expect(cached.requester).toEqual(customer());
    expect((await store.readHistory(ACCOUNT, '900')).map((item) => item.ref.id).sort()).toEqual(['1', '2']);
    expect(cached).toMatchObject({ historyComplete: true, historyTotal: 2, historyFetchedAt: 4_000 });
    // The agent written after the group list keeps the list's time.
    expect(cached.groupsListedAt).toBe(1_000);
    expect(cached.entries?.map((item) => item.id)).toEqual(['7']);
    expect(cached.trail).toEqual([]);
    expect(cached.agents.map((item) => item.id).sort()).toEqual(['500', '501']);
    expect(cached.groups).toEqual([group()]);
    expect(cached.grants).toEqual([onThisCustomer]);
    expect(cached.me).toEqual(agent());
    expect(await store.readEntries(ref(1))).toEqual(cached.entries);
  });

  it('keeps what a finished history can hold (archived tickets, scope, contact page) beside it', async () => {
    const store = dexieContextStore(freshDb(), () => 1_000);
    await store.writeTicket({ case: makeCase(1), requester: customer(), agents: [], groups: [] });
    const completeness = {
      archivedIncluded: false,
      scope: 'visible' as const,
      contactUrl: `https://${ACCOUNT}/a/contacts/900`,
    };
    await store.finishHistory(ACCOUNT, '900', null, 4_000, completeness);
    expect((await store.read(ref(1))).historyCompleteness).toEqual(completeness);
  });

  it('serves a requester history from memory until a write for that requester', async () => {
    const db = freshDb();
    const store = dexieContextStore(db, () => 1_000);
    await store.writeTicket({ case: makeCase(1), requester: customer(), agents: [], groups: [] });
    await store.writeHistoryPage(ACCOUNT, '900', [makeCase(2)]);
    const ids = async () => (await store.readHistory(ACCOUNT, '900')).map((item) => item.ref.id).sort();
    expect(await ids()).toEqual(['1', '2']);
    // Removed behind the store's back: the copy in memory still answers.
    await db.cases.delete(refKey(ref(2)));
    expect(await ids()).toEqual(['1', '2']);
    // A write for this requester drops the copy; the database answers again.
    await store.writeHistoryPage(ACCOUNT, '900', [makeCase(3)]);
    expect(await ids()).toEqual(['1', '3']);
  });

  it('touch records the view time', async () => {
    const db = freshDb();
    const store = dexieContextStore(db, () => 1_000);
    await store.writeHistoryPage(ACCOUNT, '900', [makeCase(1)]);
    await store.touch(ref(1), 8_000);
    expect((await db.cases.toArray())[0]?.lastViewedAt).toBe(8_000);
  });
});

describe('dexieEtagCache', () => {
  it('stores and returns a response with its ETag', async () => {
    const cache = dexieEtagCache(freshDb(), () => 1_000);
    const value = {
      etag: 'W/"abc"',
      response: { status: 200, headers: { etag: 'W/"abc"' }, body: '{"ticket":{}}' },
    };
    expect(await cache.get(`${ACCOUNT}/api/v2/tickets/1.json`)).toBeUndefined();
    await cache.put(`${ACCOUNT}/api/v2/tickets/1.json`, value);
    expect(await cache.get(`${ACCOUNT}/api/v2/tickets/1.json`)).toEqual(value);
  });
});
