import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHistoryRows } from '../../../lib/domain/history-rows';
import type { Case, Customer } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { BackgroundToSidebar } from '../../../lib/messaging/protocol';
import { createContextSync } from '../../../lib/sync/context-sync';
import { memoryStore } from '../../support/memory-store';

const account = 'acme.zendesk.com';
const ref = (id: string): TicketRef => ({ helpdesk: 'zendesk', account, id });
const requester: Customer = {
  helpdesk: 'zendesk',
  account,
  id: '500',
  name: 'Bea Bulk',
  email: null,
  organization: null,
};
const BASE = Date.parse('2020-01-01T00:00:00Z');
const ticket = (n: number): Case => ({
  ref: ref(String(n)),
  subject: `Order ${n} arrived late`,
  status: n % 3 === 0 ? 'solved' : 'open',
  rawStatus: 'open',
  priority: null,
  channel: 'email',
  createdAt: new Date(BASE + n * 60_000).toISOString(),
  updatedAt: new Date(BASE + n * 60_000).toISOString(),
  requesterId: requester.id,
  assigneeId: null,
  groupId: null,
  tags: [],
  archived: false,
});

const TICKETS = 100_000;
const PAGE = 100;
/** Rows that may cross the port (serialized once, validated once) over the whole load. */
const ROW_BUDGET = 3 * TICKETS;

/** Every case a message carries is a row serialized by the worker and validated by the sidebar. */
const rowsIn = (json: string) => json.split('"subject":').length - 1;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('history stream cost (finding 9)', () => {
  it('a 100,000-ticket requester streamed in pages of 100 costs work linear in its size', async () => {
    const store = memoryStore();
    let rowsRead = 0;
    const read = store.read.bind(store);
    const readHistory = store.readHistory.bind(store);
    store.read = async (at) => {
      const context = await read(at);
      rowsRead += JSON.stringify(context).split('"subject":').length - 1;
      return context;
    };
    store.readHistory = async (...args) => {
      const cases = await readHistory(...args);
      rowsRead += cases.length;
      return cases;
    };

    let rowsSent = 0;
    let publishes = 0;
    const current = ticket(TICKETS);
    // Like Zendesk's requested tickets: oldest first, one page per round trip, and the
    // worker publishes between pages (every 200 ms while a long history loads).
    const adapter = {
      me: async () => null,
      ticket: async () => ({ case: current, requester, agents: [], groups: [] }),
      entries: async () => [],
      assignmentTrail: async () => [],
      groups: async () => [],
      agents: async () => [],
      requesterHistory: async function* () {
        for (let first = 1; first <= TICKETS; first += PAGE) {
          // Stop early once over budget, so the quadratic version fails in seconds, not minutes.
          if (rowsSent > ROW_BUDGET) return;
          yield {
            cases: Array.from({ length: PAGE }, (_, i) => ticket(first + i)),
            total: TICKETS,
          };
          await vi.advanceTimersByTimeAsync(200);
        }
      },
    } as unknown as HelpdeskAdapter; // only the calls a view makes are needed

    const sidebar = createHistoryRows();
    let held: { feed: string; version: number } | null = null;
    const deliver = (message: unknown) => {
      const json = JSON.stringify(message);
      rowsSent += rowsIn(json);
      const parsed = BackgroundToSidebar.parse(JSON.parse(json));
      return parsed;
    };
    const sync = createContextSync({
      adapterFor: () => adapter,
      client: () => async () => ({ status: 200, headers: {}, body: '' }),
      store,
      now: () => Date.now(),
      emit: (at, snapshot) => {
        publishes++;
        deliver({ type: 'snapshot', snapshot });
        const view = snapshot.history.data;
        if (!view?.feed || (held?.feed === view.feed && held.version >= view.version)) return;
        // The sidebar asks for what it lacks, as lib/messaging/sidebar-client does.
        void sync.history(at, held?.feed ?? null, held?.version ?? 0).then((delta) => {
          if (!delta) return;
          const parsed = deliver({ type: 'history', delta });
          if (parsed.type !== 'history') return;
          sidebar.apply(parsed.delta.rows, at.id);
          held = { feed: parsed.delta.feed, version: parsed.delta.to };
        });
      },
      escalationDueHours: () => 24,
    });

    await sync.view(ref(String(TICKETS)));
    await vi.advanceTimersByTimeAsync(1000);
    await sync.view(ref(String(TICKETS)));
    await vi.advanceTimersByTimeAsync(1000);

    expect(rowsSent).toBeLessThanOrEqual(ROW_BUDGET);
    expect(rowsRead).toBeLessThanOrEqual(2 * TICKETS);
    expect(publishes).toBeGreaterThan(TICKETS / PAGE);
    expect(sidebar.length).toBe(TICKETS);
    expect(sidebar.at(0)?.case.ref.id).toBe(String(TICKETS));
    expect(sidebar.at(0)?.current).toBe(true);
    expect(sidebar.at(TICKETS - 1)?.case.ref.id).toBe('1');
    expect(sidebar.counts().get('solved')).toBe(Math.floor(TICKETS / 3));
  }, 60_000);
});
