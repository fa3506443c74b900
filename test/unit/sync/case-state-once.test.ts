import { describe, expect, it, vi } from 'vitest';
import { buildCaseworkView } from '../../../lib/casework/casework-view';
import * as escalation from '../../../lib/casework/escalation';
import * as owner from '../../../lib/casework/owner';
import type { CaseworkView } from '../../../lib/domain/casework';
import type { Case } from '../../../lib/domain/model';
import type { SidebarSnapshot } from '../../../lib/domain/snapshot';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { createContextSync } from '../../../lib/sync/context-sync';
import { memoryStore } from '../../support/memory-store';
import { ada, customer, makeCase, ref, reply } from './fixtures';

// Counted, not changed: every caller reaches the real functions.
vi.mock('../../../lib/casework/owner', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/casework/owner')>();
  return { ...real, deriveOwner: vi.fn(real.deriveOwner) };
});
vi.mock('../../../lib/casework/escalation', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/casework/escalation')>();
  return { ...real, deriveEscalation: vi.fn(real.deriveEscalation) };
});

const item: Case = makeCase('1');
const adapter = {
  me: async () => ada,
  ticket: async () => ({ case: item, requester: customer, agents: [ada], groups: [] }),
  requesterHistory: async function* () {
    yield { cases: [item], total: 1 };
  },
  entries: async () => [reply],
  assignmentTrail: async () => [],
  groups: async () => [],
  agents: async () => [],
} as unknown as HelpdeskAdapter; // only the calls a view makes are needed

describe('owner and escalation worked out once (issue 15)', () => {
  it('one derivation per publish, shared by the snapshot and the casework view', async () => {
    const snapshots: SidebarSnapshot[] = [];
    const views: (CaseworkView | null)[] = [];
    const now = Date.parse('2026-11-23T10:00:00Z');
    const sync = createContextSync({
      adapterFor: () => adapter,
      client: () => async () => ({ status: 200, headers: {}, body: '' }),
      store: memoryStore(),
      now: () => now,
      emit: (_at, snapshot) => snapshots.push(snapshot),
      escalationDueHours: () => 24,
      casework: async (_at, context, state) => {
        const view =
          context.case && context.entries
            ? buildCaseworkView({
                case: context.case,
                entries: context.entries,
                trail: context.trail ?? [],
                agents: context.agents,
                groups: context.groups,
                history: [],
                me: context.me,
                myGroupIds: [],
                now,
                dueHours: 24,
                pending: [],
                ...(state ? { state } : {}),
              })
            : null;
        views.push(view);
        return view;
      },
    });
    vi.mocked(owner.deriveOwner).mockClear();
    vi.mocked(escalation.deriveEscalation).mockClear();
    await sync.view(ref('1'));
    await sync.republish(ref('1'));

    // Only publishes with the conversation cached have an owner to work out; each asks the casework
    // view once (the first to show the case sends its snapshot twice, from the one derivation).
    const withOwner = snapshots.filter((s) => s.owner.data !== null);
    const publishes = views.filter((view) => view !== null).length;
    expect(withOwner.length).toBeGreaterThanOrEqual(publishes);
    expect(publishes).toBeGreaterThan(0);
    expect(vi.mocked(owner.deriveOwner)).toHaveBeenCalledTimes(publishes);
    expect(vi.mocked(escalation.deriveEscalation)).toHaveBeenCalledTimes(publishes);
    expect(withOwner.at(-1)?.owner.data?.owner?.id).toBe(ada.id);
    expect(views.at(-1)?.ownerId).toBe(ada.id);
  });
});
