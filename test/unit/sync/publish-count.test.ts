import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SidebarSnapshot } from '../../../lib/domain/snapshot';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { createContextSync } from '../../../lib/sync/context-sync';
import { createFeedCache } from '../../../lib/sync/feed-cache';
import { withFreshTicket } from '../../../lib/sync/fresh-ticket';
import { createPublisher, PUBLISH_WINDOW_MS } from '../../../lib/sync/publisher';
import { newTicketState } from '../../../lib/sync/ticket-state';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, openCreditView, ref, reply } from './fixtures';

const adapter = {
  kind: 'zendesk',
  me: async () => ada,
  ticket: async (_c: unknown, r: TicketRef) => ({
    case: makeCase(r.id),
    requester: customer,
    agents: [ada],
    groups: [],
  }),
  requesterHistory: async function* () {
    yield { cases: [makeCase('2'), makeCase('3')], total: 3 };
    yield { cases: [makeCase('1')], total: 3 };
  },
  entries: async () => [reply],
  assignmentTrail: async () => [],
  groups: async () => [],
  agents: async () => [],
} as unknown as HelpdeskAdapter; // only the calls a view makes are needed

/** Counts what one refresh costs: snapshots posted, cache reads, credit and casework views worked out. */
function counted() {
  const store = memoryStore();
  const count = { publishes: 0, reads: 0, credit: 0, casework: 0, ledger: 0 };
  const read = store.read.bind(store);
  store.read = (at) => {
    count.reads++;
    return read(at);
  };
  const snapshots: SidebarSnapshot[] = [];
  let now = Date.parse('2026-11-23T10:00:00Z');
  const sync = createContextSync({
    adapterFor: () => adapter,
    client: () => async () => ({ status: 200, headers: {}, body: '' }),
    store,
    now: () => now,
    emit: (_at, snapshot) => {
      count.publishes++;
      snapshots.push(snapshot);
    },
    escalationDueHours: () => 24,
    credit: async () => {
      count.credit++;
      return openCreditView;
    },
    casework: async () => {
      count.casework++;
      return null;
    },
    // Like the credit runtime: a rebuilt ledger says the ticket changed.
    ledger: (at) => {
      count.ledger++;
      void sync.republish(at);
    },
  });
  const reset = () => {
    for (const key of Object.keys(count) as (keyof typeof count)[]) count[key] = 0;
    snapshots.length = 0;
  };
  return { sync, count, snapshots, reset, advance: (ms: number) => (now += ms) };
}

/** Past the publish window, so nothing coalesced is still waiting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5 * PUBLISH_WINDOW_MS));

// Measured on the code before the split (same fake helpdesk, every part answering at once):
// cold 5 publishes, 6 context reads, 5 credit and 5 casework views; warm 6 publishes (the
// remembered snapshot + 5), 5 reads, 5 credit and 5 casework views; plus one more publish
// whenever the credit view's ledger rebuild came back (publish → ledger → changed → publish).
describe('publish count per refresh (issue 15)', () => {
  it('a cold refresh publishes twice: the cached skeleton at once, then the parts, their case before its views (was 5)', async () => {
    const { sync, count, snapshots } = counted();
    await sync.view(ref('1'));
    await settle();
    // The second publish's snapshot goes out twice: at once, and again with the views.
    expect(count.publishes).toBe(3);
    expect(snapshots[0]?.case.refreshing).toBe(true);
    // While its ticket is on its way the credit section loads: no view is worked out to say that
    // credits are off until the customer is known.
    expect(snapshots[0]?.credit).toMatchObject({ data: null, refreshing: true, error: null });
    expect(snapshots[1]?.case.data?.subject).toBe('Subject 1');
    expect(snapshots[1]?.credit).toMatchObject({ data: null, refreshing: true });
    expect(snapshots[2]?.case.data?.subject).toBe('Subject 1');
    expect(snapshots[2]?.credit).toMatchObject({ data: openCreditView, refreshing: false });
    expect(snapshots[2]?.history.data).toMatchObject({ loaded: 3, complete: true });
    // The credit view is worked out once, for the case; casework once per publish; the cache read at most once each.
    expect(count.credit).toBe(1);
    expect(count.casework).toBe(2);
    expect(count.reads).toBeLessThanOrEqual(3);
  });

  it('a ticket that cannot be fetched ends with its credit view worked out, not loading', async () => {
    const { sync, count, snapshots } = counted();
    const ticket = vi.spyOn(adapter, 'ticket').mockRejectedValue(new Error('network down'));
    try {
      await sync.view(ref('1'));
      await settle();
    } finally {
      ticket.mockRestore();
    }
    expect(snapshots[0]?.credit).toMatchObject({ data: null, refreshing: true });
    const last = snapshots.at(-1);
    expect(last?.case).toMatchObject({ data: null, refreshing: false });
    expect(last?.case.error).not.toBeNull();
    expect(last?.credit).toMatchObject({ data: openCreditView, refreshing: false, error: null });
    expect(count.credit).toBe(1);
  });

  it('a warm refresh publishes twice: the remembered snapshot, then one after the refresh (was 6)', async () => {
    const { sync, count, reset, advance } = counted();
    await sync.view(ref('1'));
    await settle();
    for (const leave of [false, true]) {
      reset();
      advance(1000);
      if (leave) sync.forget(ref('1'));
      await sync.view(ref('1'));
      await settle();
      expect(count.publishes).toBe(2);
      expect(count.credit).toBe(1);
      expect(count.casework).toBe(1);
      expect(count.reads).toBeLessThanOrEqual(2);
    }
  });

  it('the ledger is asked by the refresh, never by a publish (the publish → ledger → changed → publish loop)', async () => {
    const { sync, count } = counted();
    await sync.view(ref('1'));
    await settle();
    expect(count.ledger).toBe(1);
    await sync.republish(ref('1'));
    await sync.republish(ref('1'));
    await settle();
    expect(count.ledger).toBe(1);
  });

  it('changes to a ticket inside one window go out as one snapshot', async () => {
    const { sync, count, reset } = counted();
    await sync.view(ref('1'));
    await settle();
    reset();
    await Promise.all([1, 2, 3, 4, 5].map(() => sync.republish(ref('1'))));
    await settle();
    // The first change of a quiet ticket goes out at once, the four behind it together.
    expect(count.publishes).toBe(2);
  });
});

describe('publish window and the first paint (issue 15)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the first snapshot of a view does not wait for the publish window', async () => {
    const { sync, snapshots } = counted();
    const viewed = sync.view(ref('1'));
    // Promises only: no timer has run, so nothing waited for a window.
    for (let i = 0; i < 20 && snapshots.length === 0; i++) await Promise.resolve();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.case.refreshing).toBe(true);
    await vi.runAllTimersAsync();
    await viewed;
  });
});

describe('a first view paints the fetched ticket from memory (issue 18)', () => {
  /** A sync over a memory store that logs its reads and can hold the ticket's write. */
  function watched() {
    const store = memoryStore();
    const log: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const read = store.read.bind(store);
    store.read = (at) => {
      log.push('read');
      return read(at);
    };
    const writeTicket = store.writeTicket.bind(store);
    store.writeTicket = async (context) => {
      await held;
      return writeTicket(context);
    };
    const snapshots: SidebarSnapshot[] = [];
    const sync = createContextSync({
      adapterFor: () =>
        ({
          ...adapter,
          ticket: (...args: Parameters<HelpdeskAdapter['ticket']>) => {
            log.push('ticket');
            return adapter.ticket(...args);
          },
        }) as HelpdeskAdapter,
      client: () => async () => ({ status: 200, headers: {}, body: '' }),
      store,
      now: Date.now,
      emit: (_at, snapshot) => snapshots.push(snapshot),
      escalationDueHours: () => 24,
    });
    return { sync, store, log, snapshots, release };
  }

  it('asks for the ticket before it reads the cache', async () => {
    const { sync, log, release } = watched();
    release();
    await sync.view(ref('1'));
    expect(log.slice(0, 2)).toEqual(['ticket', 'read']);
  });

  it('shows the case while its write is still held, and keeps it over later reads of the cache', async () => {
    const { sync, store, snapshots, release } = watched();
    const viewed = sync.view(ref('1'));
    await settle();
    const first = snapshots.findIndex((snapshot) => snapshot.case.data?.subject === 'Subject 1');
    expect(first).toBeGreaterThan(0);
    expect(snapshots[first]?.case.refreshing).toBe(false);
    expect(snapshots[first]?.customer.data?.customer.name).toBe(customer.name);
    for (const later of snapshots.slice(first)) expect(later.case.data?.subject).toBe('Subject 1');
    release();
    await viewed;
    expect((await store.read(ref('1'))).case?.subject).toBe('Subject 1');
  });
});

describe('publisher: a patch not yet written (issue 18)', () => {
  it('is written once the snapshot showing it is out, and applied over reads of the cache until then', async () => {
    const store = memoryStore();
    let reads = 0;
    const read = store.read.bind(store);
    store.read = (at) => {
      reads++;
      return read(at);
    };
    const snapshots: SidebarSnapshot[] = [];
    const publisher = createPublisher({
      store,
      feeds: createFeedCache(store),
      now: Date.now,
      emit: (_state, snapshot) => snapshots.push(snapshot),
      escalationDueHours: () => 24,
    });
    const state = newTicketState(ref('1'));
    let written = () => {};
    let writes = 0;
    const fresh = { case: makeCase('1'), requester: customer, agents: [ada], groups: [] };
    publisher.changed({
      state,
      kind: 'data',
      patch: {
        apply: async (context) => withFreshTicket(context, fresh, null),
        write: () => {
          writes++;
          return new Promise<void>((resolve) => {
            written = resolve;
          });
        },
      },
    });
    expect(writes).toBe(0);
    await settle();
    // No context was published before: the patch stands on a read.
    expect(reads).toBe(1);
    expect(writes).toBe(1);
    publisher.changed({ state, kind: 'data' });
    await settle();
    expect(reads).toBe(2);
    expect(snapshots.map((snapshot) => snapshot.case.data?.subject)).toEqual(['Subject 1', 'Subject 1']);
    written();
    await settle();
    publisher.changed({ state, kind: 'data' });
    await settle();
    // Written is done and the cache never got the case (this store was not written): it shows what the cache holds.
    expect(snapshots.at(-1)?.case.data).toBeNull();
  });
});
