import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreditView, SidebarSnapshot } from '../../../lib/domain/snapshot';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { createContextSync } from '../../../lib/sync/context-sync';
import { PUBLISH_WINDOW_MS } from '../../../lib/sync/publisher';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, ref, reply } from './fixtures';

const creditView: CreditView = {
  policy: { source: 'self-managed', presets: [500], reasons: ['Goodwill'], undoSeconds: 5 },
  disabledReason: null,
  authority: null,
  grants: [],
  approvals: [],
  needsCredentials: false,
};

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
      return creditView;
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
  it('a cold refresh publishes twice: the cached skeleton at once, then one snapshot for the parts (was 5)', async () => {
    const { sync, count, snapshots } = counted();
    await sync.view(ref('1'));
    await settle();
    expect(count.publishes).toBe(2);
    expect(snapshots[0]?.case.refreshing).toBe(true);
    expect(snapshots[1]?.case.data?.subject).toBe('Subject 1');
    expect(snapshots[1]?.history.data).toMatchObject({ loaded: 3, complete: true });
    // Each publish works out the credit and casework views once, and reads the cache at most once.
    expect(count.credit).toBe(2);
    expect(count.casework).toBe(2);
    expect(count.reads).toBeLessThanOrEqual(3);
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
