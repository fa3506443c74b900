import { describe, expect, it } from 'vitest';
import { createHistoryRows } from '../../../lib/domain/history-rows';
import type { Agent } from '../../../lib/domain/model';
import type { CreditView, SidebarSnapshot } from '../../../lib/domain/snapshot';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { platformOf } from '../../../lib/helpdesks/registry';
import { createContextSync } from '../../../lib/sync/context-sync';
import type { CachedContext } from '../../../lib/sync/store';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, openCreditView, ref, reply } from './fixtures';

/** A fake adapter whose calls are recorded and whose answers are controlled per test. */
function fakeAdapter(overrides: Partial<HelpdeskAdapter> = {}, updatedAt?: string) {
  const calls: string[] = [];
  const record = <T>(call: string, value: T): T => {
    calls.push(call);
    return value;
  };
  const adapter: HelpdeskAdapter = {
    ...platformOf('zendesk'),
    match: () => null,
    allows: () => true,
    me: async () => record('me', ada),
    ticket: async (_c, r) =>
      record(`ticket:${r.id}`, {
        case: makeCase(r.id, updatedAt),
        requester: customer,
        agents: [ada],
        groups: [],
      }),
    requesterHistory: async function* () {
      calls.push('history');
      yield { cases: [makeCase('2'), makeCase('3')], total: 3 };
      yield { cases: [makeCase('1', updatedAt)], total: 3 };
    },
    entries: async () => record('entries', [reply]),
    thread: async () => record('thread', [reply]),
    assignmentTrail: async () => record('trail', []),
    groups: async () => record('groups', []),
    agents: async () => record('agents', []),
    searchTickets: async () => ({ cases: [], total: 0, complete: true }),
    countTickets: async () => 0,
    customers: { perRequest: 1, read: async () => [] },
    myGroupIds: async () => [],
    addPrivateNote: async () => reply,
    addTag: async () => undefined,
    removeTag: async () => undefined,
    indexGrants: async () => undefined,
    assign: async () => undefined,
    ...overrides,
  };
  return { adapter, calls };
}

function setup(
  adapter: HelpdeskAdapter,
  store = memoryStore(),
  credit?: (ref: TicketRef, context: CachedContext) => Promise<CreditView>,
) {
  const snapshots: SidebarSnapshot[] = [];
  let now = Date.parse('2026-11-23T10:00:00Z');
  const sync = createContextSync({
    adapterFor: () => adapter,
    client: () => async () => ({ status: 200, headers: {}, body: '' }),
    store,
    now: () => now,
    emit: (_ref, snapshot) => snapshots.push(snapshot),
    escalationDueHours: () => 24,
    credit,
  });
  return { sync, snapshots, store, advance: (ms: number) => (now += ms) };
}

/** The history as a sidebar holds it after asking for every row. */
async function heldRows(sync: ReturnType<typeof setup>['sync'], at: TicketRef) {
  const delta = await sync.history(at, null, 0);
  const rows = createHistoryRows();
  if (delta) rows.apply(delta.rows, at.id);
  return Array.from({ length: rows.length }, (_, i) => rows.at(i)!);
}

describe('context sync', () => {
  it('cold view: a refreshing skeleton first, then the whole context', async () => {
    const { adapter, calls } = fakeAdapter();
    const { sync, snapshots } = setup(adapter);
    await sync.view(ref('1'));
    expect(snapshots[0]?.case.refreshing).toBe(true);
    expect(snapshots[0]?.case.data).toBeNull();
    const last = snapshots.at(-1)!;
    expect(last.case.data?.subject).toBe('Subject 1');
    expect(last.customer.data).toMatchObject({ totalTickets: 3, openTickets: 3 });
    const rows = await heldRows(sync, ref('1'));
    expect(rows.map((item) => item.case.ref.id)).toEqual(['3', '2', '1']);
    expect(rows.find((item) => item.current)?.case.ref.id).toBe('1');
    expect(last.history.data).toMatchObject({ loaded: 3, total: 3, complete: true });
    expect(last.owner.data?.owner?.name).toBe('Ada Agent');
    expect(last.escalation.data?.state).toBe('none');
    expect(
      Object.values(last).filter((s) => typeof s === 'object' && s && 'refreshing' in s && s.refreshing),
    ).toEqual([]);
    expect(calls).toEqual(
      expect.arrayContaining(['ticket:1', 'entries', 'trail', 'history', 'me', 'groups']),
    );
  });

  it('cold view: nothing waits on the ticket when no request needs its ids', async () => {
    let releaseTicket!: () => void;
    const gate = new Promise<void>((resolve) => (releaseTicket = resolve));
    const { adapter, calls } = fakeAdapter({
      ticket: async (_c, r) => {
        calls.push('ticket');
        await gate;
        return { case: makeCase(r.id), requester: customer, agents: [ada], groups: [] };
      },
    });
    const { sync } = setup(adapter);
    const done = sync.view(ref('1'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual(expect.arrayContaining(['ticket', 'entries', 'trail', 'me', 'groups']));
    // The requester id comes from the ticket, so only history waits for it.
    expect(calls).not.toContain('history');
    releaseTicket();
    await done;
    expect(calls).toContain('history');
  });

  it('warm view of an unchanged ticket asks for the ticket and who is signed in alone', async () => {
    const { adapter, calls } = fakeAdapter();
    const { sync, snapshots, advance } = setup(adapter);
    await sync.view(ref('1'));
    calls.length = 0;
    snapshots.length = 0;
    advance(1000);
    await sync.view(ref('1'));
    expect(snapshots[0]?.case.data?.subject).toBe('Subject 1');
    expect(snapshots[0]?.history.data?.loaded).toBe(3);
    expect(await heldRows(sync, ref('1'))).toHaveLength(3);
    expect(calls.sort()).toEqual(['me', 'ticket:1']);
  });

  it('identity: another agent’s sign-in replaces the cached agent on the next view (finding 3)', async () => {
    const store = memoryStore();
    await setup(fakeAdapter().adapter, store).sync.view(ref('1'));
    expect((await store.read(ref('1'))).me?.id).toBe(ada.id);
    const ben: Agent = { ...ada, id: '20', name: 'Ben Backline', email: 'ben@acme.test' };
    const contexts: (Agent | null)[] = [];
    const { sync } = setup(fakeAdapter({ me: async () => ben }).adapter, store, async (_ref, context) => {
      contexts.push(context.me);
      return openCreditView;
    });
    await sync.view(ref('1'));
    // The cached agent paints at once; the snapshot after the refresh is the new agent's.
    expect(contexts[0]?.id).toBe(ada.id);
    expect(contexts.at(-1)?.id).toBe(ben.id);
  });

  it.each([
    ['a 401', new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'Couldn’t authenticate you', 401)],
    ['an anonymous users/me', new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'anonymous user', 200)],
  ])('identity: %s clears the cached agent and shows signed out (finding 3)', async (_name, error) => {
    const store = memoryStore();
    await setup(fakeAdapter().adapter, store).sync.view(ref('1'));
    const { sync, snapshots } = setup(
      fakeAdapter({
        me: async () => {
          throw error;
        },
      }).adapter,
      store,
    );
    await sync.view(ref('1'));
    expect((await store.read(ref('1'))).me).toBeNull();
    expect(snapshots.at(-1)?.signedOut).toBe(true);
  });

  it('warm switch back to a left ticket: the history request its cached snapshot prompts is answered at once', async () => {
    const { adapter } = fakeAdapter();
    const { sync, snapshots } = setup(adapter);
    await sync.view(ref('1'));
    sync.forget(ref('1'));
    const painted = snapshots.length;
    const refreshed = sync.view(ref('1'));
    // The cached snapshot went out before any database read; the sidebar asks for its rows now.
    expect(snapshots.length).toBe(painted + 1);
    const delta = await sync.history(ref('1'), null, 0);
    await refreshed;
    expect(delta?.rows.map((row) => row.case.ref.id).sort()).toEqual(['1', '2', '3']);
  });

  it('a changed ticket refreshes its conversation and trail', async () => {
    const first = fakeAdapter();
    const store = memoryStore();
    await setup(first.adapter, store).sync.view(ref('1'));
    const second = fakeAdapter({}, '2026-11-02T10:00:00Z');
    await setup(second.adapter, store).sync.view(ref('1'));
    expect(second.calls).toEqual(expect.arrayContaining(['ticket:1', 'entries', 'trail']));
  });

  it('tags stay: each read of the ticket’s thread hands the fresh ticket and its entries to the restore-tag step, once', async () => {
    const { adapter } = fakeAdapter();
    const store = memoryStore();
    const seen: [string, number][] = [];
    const sync = createContextSync({
      adapterFor: () => adapter,
      client: () => async () => ({ status: 200, headers: {}, body: '' }),
      store,
      now: () => Date.parse('2026-11-23T10:00:00Z'),
      emit: () => undefined,
      escalationDueHours: () => 24,
      restoreTag: (ticket, entries) => seen.push([ticket.ref.id, entries.length]),
    });
    await sync.view(ref('1'));
    expect(seen).toEqual([['1', 1]]);
  });

  it('an approver’s grant on the rep’s ticket: each read of the thread hands the fresh ticket and its entries to the credit ledger, once', async () => {
    const first = fakeAdapter();
    const store = memoryStore();
    const seen: [string, number][] = [];
    const deps = (adapter: typeof first.adapter) => ({
      adapterFor: () => adapter,
      client: () => async () => ({ status: 200, headers: {}, body: '' }),
      store,
      now: () => Date.parse('2026-11-23T10:00:00Z'),
      emit: () => undefined,
      escalationDueHours: () => 24,
      notesRead: (ticket: { ref: { id: string } }, entries: readonly unknown[]) =>
        seen.push([ticket.ref.id, entries.length]),
    });
    await createContextSync(deps(first.adapter)).view(ref('1'));
    // The same ticket unchanged: its thread is not read again, nor handed on.
    await createContextSync(deps(fakeAdapter().adapter)).view(ref('1'));
    expect(seen).toEqual([['1', 1]]);
  });

  it('a profile that has not seen its agent starts the ledger once the view has asked who is signed in (the ledger does not ask users/me again)', async () => {
    const { adapter, calls } = fakeAdapter();
    const store = memoryStore();
    const known: (string | undefined)[] = [];
    const deps = {
      adapterFor: () => adapter,
      client: () => async () => ({ status: 200, headers: {}, body: '' }),
      store,
      now: () => Date.parse('2026-11-23T10:00:00Z'),
      emit: () => undefined,
      escalationDueHours: () => 24,
      ledger: () => {
        calls.push('ledger');
        void store.read(ref('1')).then((c) => known.push(c.me?.id));
      },
    };
    const order = () => calls.filter((c) => c === 'me' || c === 'ledger');
    await createContextSync(deps).view(ref('1'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order()).toEqual(['me', 'ledger']);
    expect(known).toEqual([ada.id]);
    // Once known, the ledger starts with the view, without waiting for its answer.
    calls.length = 0;
    await createContextSync(deps).view(ref('1'));
    expect(order().filter((c) => c === 'ledger')).toHaveLength(1);
  });

  it('one failing part marks only its sections, and the rest still shows', async () => {
    const { adapter } = fakeAdapter({
      entries: async () => {
        throw new HelpdeskError('server', 'GET /api/v2/tickets/:id/comments', 'boom', 500);
      },
    });
    const { sync, snapshots } = setup(adapter);
    await sync.view(ref('1'));
    const last = snapshots.at(-1)!;
    expect(last.owner.error?.message).toBe("Zendesk failed while loading this ticket's conversation (500).");
    expect(last.escalation.error?.status).toBe(500);
    expect(last.case.error).toBeNull();
    expect(last.case.data?.subject).toBe('Subject 1');
    expect(last.history.error).toBeNull();
    expect(await heldRows(sync, ref('1'))).toHaveLength(3);
  });

  it('a signed-out agent is told to sign in, and cached data stays', async () => {
    const good = fakeAdapter();
    const store = memoryStore();
    await setup(good.adapter, store).sync.view(ref('1'));
    const signedOut = new HelpdeskError('signed-out', 'GET /api/v2/tickets/:id', 'anonymous', 401);
    const bad = fakeAdapter({
      ticket: async () => {
        throw signedOut;
      },
    });
    const { sync, snapshots } = setup(bad.adapter, store);
    await sync.view(ref('1'));
    const last = snapshots.at(-1)!;
    expect(last.signedOut).toBe(true);
    expect(last.case.data?.subject).toBe('Subject 1');
    expect(last.case.error?.message).toBe('Sign in to Zendesk to load this ticket.');
  });

  it('retry refreshes just the section asked for', async () => {
    let fail = true;
    const { adapter, calls } = fakeAdapter({
      assignmentTrail: async () => {
        calls.push('trail');
        if (fail) throw new HelpdeskError('forbidden', 'GET /api/v2/tickets/:id/audits', 'no', 403);
        return [];
      },
    });
    const { sync, snapshots } = setup(adapter);
    await sync.view(ref('1'));
    expect(snapshots.at(-1)?.escalation.error?.message).toBe(
      "Zendesk refused access to this ticket's audits (403).",
    );
    fail = false;
    calls.length = 0;
    await sync.retry(ref('1'), 'escalation');
    expect(snapshots.at(-1)?.escalation.error).toBeNull();
    expect(calls).not.toContain('history');
    expect(calls).not.toContain('ticket:1');
  });

  it('paints the credit section from the credit service', async () => {
    const { adapter } = fakeAdapter();
    const { sync, snapshots } = setup(adapter, memoryStore(), async () => openCreditView);
    await sync.view(ref('1'));
    expect(snapshots.at(-1)?.credit).toMatchObject({ data: openCreditView, error: null });
    await sync.republish(ref('1'));
    expect(snapshots.at(-1)?.credit).toMatchObject({ data: openCreditView, error: null });
  });

  it('a failing credit service marks only the credit section', async () => {
    const { adapter } = fakeAdapter();
    const { sync, snapshots } = setup(adapter, memoryStore(), async () => {
      throw new Error('db closed');
    });
    await sync.view(ref('1'));
    const last = snapshots.at(-1)!;
    expect(last.credit.error?.message).toBe('Credits could not be loaded from this browser’s records.');
    expect(last.case.error).toBeNull();
  });
});
