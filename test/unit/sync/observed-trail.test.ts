import { describe, expect, it } from 'vitest';
import type { Case } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { platformOf } from '../../../lib/helpdesks/registry';
import { createContextSync } from '../../../lib/sync/context-sync';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, reply } from './fixtures';

const BEN = '7002';
const fd: TicketRef = { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '1' };

/** A Freshdesk adapter that answers the ticket as `item()` says at the time of the read. */
const freshdesk = (item: () => Case): HelpdeskAdapter => ({
  ...platformOf('freshdesk'),
  match: () => null,
  allows: () => true,
  me: async () => ada,
  ticket: async () => ({ case: item(), requester: customer, agents: [ada], groups: [] }),
  requesterHistory: async function* () {
    yield { cases: [item()], total: 1 };
  },
  entries: async () => [{ ...reply, ticket: fd }],
  thread: async () => [{ ...reply, ticket: fd }],
  // Freshdesk's API has no audit trail.
  assignmentTrail: async () => [],
  groups: async () => [],
  agents: async () => [],
  searchTickets: async () => ({ cases: [], total: 0, complete: true }),
  countTickets: async () => 0,
  customers: { perRequest: 1, read: async () => [] },
  myGroupIds: async () => [],
  addPrivateNote: async () => reply,
  addTag: async () => undefined,
  removeTag: async () => undefined,
  indexGrants: async () => undefined,
  assign: async () => undefined,
});

describe('the sync keeps the assignments it saw where the helpdesk keeps no trail', () => {
  it('Freshdesk: the first read records the holder, a later read the reassignment, dated the ticket’s updated_at', async () => {
    let item: Case = { ...makeCase('1', '2026-11-01T10:00:00Z'), ref: fd };
    const store = memoryStore();
    const snapshots: { escalation: { data: { state: string; inferred?: boolean } | null } }[] = [];
    const sync = createContextSync({
      adapterFor: () => freshdesk(() => item),
      client: () => async () => ({ status: 200, headers: {}, body: '' }),
      store,
      now: () => Date.parse('2026-11-02T12:00:00Z'),
      emit: (_ref, snapshot) => snapshots.push(snapshot),
      escalationDueHours: () => 24,
    });
    await sync.view(fd);
    expect((await store.read(fd)).trail?.map((c) => [c.field, c.from, c.to, c.at])).toEqual([
      ['assignee', null, ada.id, '2026-11-01T10:00:00Z'],
    ]);

    item = { ...item, assigneeId: BEN, updatedAt: '2026-11-02T09:00:00Z' };
    await sync.view(fd);
    expect((await store.read(fd)).trail?.map((c) => [c.field, c.from, c.to, c.at])).toEqual([
      ['assignee', null, ada.id, '2026-11-01T10:00:00Z'],
      ['assignee', ada.id, BEN, '2026-11-02T09:00:00Z'],
    ]);
    expect(snapshots.at(-1)?.escalation.data).toMatchObject({ state: 'escalated', inferred: true });
  });
});
