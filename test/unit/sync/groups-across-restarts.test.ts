import { describe, expect, it } from 'vitest';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { createContextSync } from '../../../lib/sync/context-sync';
import { GROUPS_FRESH_MS } from '../../../lib/sync/part-runner';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, ref, reply } from './fixtures';

let groupReads = 0;
const adapter = {
  me: async () => ada,
  ticket: async (_client: unknown, at: { id: string }) => ({
    case: makeCase(at.id),
    requester: customer,
    agents: [ada],
    groups: [],
  }),
  requesterHistory: async function* () {
    yield { cases: [], total: 0 };
  },
  entries: async () => [reply],
  assignmentTrail: async () => [],
  groups: async () => {
    groupReads++;
    return [];
  },
  agents: async () => [],
} as unknown as HelpdeskAdapter; // only the calls a view makes are needed

describe('the account’s group list across worker restarts', () => {
  it('a restarted worker’s next ticket does not ask for the groups again within the hour', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const store = memoryStore(() => now);
    /** One worker life: a fresh sync over the same database. */
    const worker = () =>
      createContextSync({
        adapterFor: () => adapter,
        client: () => async () => ({ status: 200, headers: {}, body: '' }),
        store,
        now: () => now,
        emit: () => undefined,
        escalationDueHours: () => 24,
      });
    groupReads = 0;
    await worker().view(ref('1'));
    expect(groupReads).toBe(1);

    // Chrome stopped the idle worker; the rep opens the next ticket a few minutes later.
    now += 3 * 60_000;
    await worker().view(ref('2'));
    now += 20 * 60_000;
    await worker().view(ref('3'));
    expect(groupReads).toBe(1);

    now += GROUPS_FRESH_MS;
    await worker().view(ref('4'));
    expect(groupReads).toBe(2);
  });
});
