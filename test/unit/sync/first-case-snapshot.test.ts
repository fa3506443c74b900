import { describe, expect, it } from 'vitest';
import type { CaseworkView } from '../../../lib/domain/casework';
import type { PinView } from '../../../lib/domain/followthrough';
import type { CreditView, SidebarSnapshot } from '../../../lib/domain/snapshot';
import { createFeedCache } from '../../../lib/sync/feed-cache';
import { withFreshTicket } from '../../../lib/sync/fresh-ticket';
import { createPublisher, PUBLISH_WINDOW_MS } from '../../../lib/sync/publisher';
import type { ContextPatch } from '../../../lib/sync/ticket-changes';
import { newTicketState } from '../../../lib/sync/ticket-state';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, openCreditView, ref } from './fixtures';

const pinView: PinView = { ticket: ref('1'), pinned: true, dueAt: null, note: '' };
const fresh = { case: makeCase('1'), requester: customer, agents: [ada], groups: [] };
const withCase: ContextPatch = async (context) => withFreshTicket(context, fresh, null);

type Held<T> = ReturnType<typeof held<T>>;

/** A promise the test resolves (with a value or a rejected promise) when it chooses: a view's reads, held. */
function held<T>() {
  let resolve: (value: T | PromiseLike<T>) => void = () => undefined;
  const promise = new Promise<T>((settled) => {
    resolve = settled;
  });
  return { promise, resolve };
}

/** Past the publish window, so nothing coalesced is still waiting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5 * PUBLISH_WINDOW_MS));

/** A publisher whose credit, casework and pin views each wait for the test, with a log of what went out. */
function slowViews() {
  const store = memoryStore();
  const log: string[] = [];
  const snapshots: SidebarSnapshot[] = [];
  const asked: {
    credit: Held<CreditView>;
    casework: Held<CaseworkView | null>;
    pin: Held<PinView | null>;
  }[] = [];
  const ask = () => {
    const views = {
      credit: held<CreditView>(),
      casework: held<CaseworkView | null>(),
      pin: held<PinView | null>(),
    };
    asked.push(views);
    return views;
  };
  const publisher = createPublisher({
    store,
    feeds: createFeedCache(store),
    now: Date.now,
    emit: (_state, snapshot) => {
      log.push(snapshot.credit.data ? 'snapshot with views' : 'snapshot');
      snapshots.push(snapshot);
    },
    escalationDueHours: () => 24,
    credit: () => ask().credit.promise,
    casework: () => asked.at(-1)!.casework.promise,
    pin: () => asked.at(-1)!.pin.promise,
  });
  /** Every view asked so far answers, the credit one as given. */
  const answer = (credit: Promise<CreditView> | CreditView = openCreditView) => {
    for (const views of asked.splice(0)) {
      views.credit.resolve(credit);
      views.casework.resolve(null);
      views.pin.resolve(pinView);
    }
  };
  const state = newTicketState(ref('1'));
  /** A cold view: the skeleton the cache had, with its views, then the fetched ticket as a patch. */
  const cold = async (write: () => Promise<unknown> = async () => undefined) => {
    publisher.changed({ state, kind: 'data', context: await store.read(ref('1')) });
    await settle();
    answer();
    await settle();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.case.data).toBeNull();
    publisher.changed({ state, kind: 'data', patch: { apply: withCase, write } });
  };
  return { publisher, store, log, snapshots, answer, cold, state };
}

describe('the snapshot a case arrives in does not wait for the credit, casework and pin views', () => {
  it('goes out before a slow credit view answers, the credit section loading; the second carries the views', async () => {
    const { snapshots, answer, cold } = slowViews();
    await cold();
    await settle();
    expect(snapshots).toHaveLength(2);
    const first = snapshots[1];
    expect(first?.case.data?.subject).toBe('Subject 1');
    expect(first?.customer.data?.customer.name).toBe(customer.name);
    // Loading, not the skeleton's view of no customer ("credits are off until the customer is known").
    expect(first?.credit).toMatchObject({ data: null, refreshing: true, error: null });
    expect(first?.casework).toBeNull();
    // The pin does not depend on the case: the one the skeleton showed stands.
    expect(first?.pin).toEqual(pinView);

    answer();
    await settle();
    expect(snapshots).toHaveLength(3);
    expect(snapshots[2]?.case.data?.subject).toBe('Subject 1');
    expect(snapshots[2]?.credit).toMatchObject({ data: openCreditView, refreshing: false, error: null });
    expect(snapshots[2]?.pin).toEqual(pinView);
  });

  it('a data publish of a case already shown waits for its views and goes out once', async () => {
    const { publisher, snapshots, answer, cold, state } = slowViews();
    await cold();
    await settle();
    answer();
    await settle();
    expect(snapshots).toHaveLength(3);

    publisher.changed({ state, kind: 'data' });
    await settle();
    expect(snapshots).toHaveLength(3);
    answer();
    await settle();
    expect(snapshots).toHaveLength(4);
    expect(snapshots[3]?.credit).toMatchObject({ data: openCreditView, refreshing: false });
  });

  it('a first publish that holds the case already (a warm switch, a restarted worker) waits for its views', async () => {
    const { publisher, store, snapshots, answer } = slowViews();
    await store.writeTicket(fresh);
    // The sidebar may show this ticket's credit panel still: it must not blank out.
    const back = newTicketState(ref('1'));
    publisher.changed({ state: back, kind: 'data', context: await store.read(ref('1')) });
    await settle();
    expect(snapshots).toHaveLength(0);
    answer();
    await settle();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.credit.data).toEqual(openCreditView);
  });

  it('waiters and a flush resolve only once the snapshot with the views is out', async () => {
    const { publisher, snapshots, answer, cold, state } = slowViews();
    await cold();
    let published = false;
    let flushed = false;
    void publisher.published(state).then(() => {
      published = true;
    });
    void publisher.flush(state).then(() => {
      flushed = true;
    });
    await settle();
    expect(snapshots).toHaveLength(2);
    expect([published, flushed]).toEqual([false, false]);
    answer();
    await settle();
    expect(snapshots).toHaveLength(3);
    expect([published, flushed]).toEqual([true, true]);
  });

  it('holds the write until both snapshots are out, and keeps applying the patch until it is done', async () => {
    const { publisher, log, snapshots, answer, cold, state } = slowViews();
    const written = held<void>();
    await cold(() => {
      log.push('write');
      return written.promise;
    });
    await settle();
    expect(log).toEqual(['snapshot with views', 'snapshot']);
    answer();
    await settle();
    expect(log).toEqual(['snapshot with views', 'snapshot', 'snapshot with views', 'write']);

    // The store never got the case (this write writes nothing): shown from the patch until it is done.
    publisher.changed({ state, kind: 'data' });
    await settle();
    answer();
    await settle();
    expect(snapshots.at(-1)?.case.data?.subject).toBe('Subject 1');
    written.resolve();
    await settle();
    publisher.changed({ state, kind: 'data' });
    await settle();
    answer();
    await settle();
    expect(snapshots.at(-1)?.case.data).toBeNull();
  });

  it('a credit view that fails ends as an error in the credit section, after the loading one', async () => {
    const { snapshots, answer, cold } = slowViews();
    await cold();
    await settle();
    answer(Promise.reject(new Error('IndexedDB closed')));
    await settle();
    expect(snapshots).toHaveLength(3);
    expect(snapshots[1]?.credit).toMatchObject({ data: null, refreshing: true, error: null });
    expect(snapshots[2]?.credit).toMatchObject({ data: null, refreshing: false });
    expect(snapshots[2]?.credit.error?.message).toBe(
      'Credits could not be loaded from this browser’s records.',
    );
  });
});
