import { describe, expect, it } from 'vitest';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { compareStamps, planMerge } from '../../../lib/followthrough/sync-merge';
import type { MirrorPin } from '../../../lib/followthrough/sync-mirror';
import { NOW } from './fixtures';

describe('pin merge by version, not by wall clock', () => {
  const [a, b] = Array.from({ length: 2 }, (_, i) => ({
    ticket: { helpdesk: 'zendesk' as const, account: 'acme.zendesk.com', id: String(100 + i) },
    pinnedAt: NOW,
    dueAt: null,
    note: null,
  })) as [Omit<MirrorPin, 'version' | 'origin'>, Omit<MirrorPin, 'version' | 'origin'>];
  const key = (p: { ticket: TicketRef }) => `zendesk:acme.zendesk.com:${p.ticket.id}`;

  it('adds newer remote pins, removes only on a newer removal record, keeps pins the mirror has not seen', () => {
    const remote = {
      // An hour ahead by the writer's clock: not compared.
      at: NOW + 3_600_000,
      pins: [{ ...b, version: 5, origin: 'fast' }],
      removed: [{ ticket: a.ticket, version: 4, origin: 'fast' }],
    };
    const mine = { ticket: { ...a.ticket, id: '300' } };
    const plan = planMerge(
      {
        pins: [
          { caseKey: key(a), stamp: { version: 3, origin: 'here' } },
          { caseKey: key(mine), stamp: { version: 9, origin: 'here' } },
        ],
        removed: [],
      },
      remote,
    );
    expect(plan.add).toEqual([remote.pins[0]]);
    expect(plan.remove).toEqual([key(a)]);
    expect(plan.removals).toEqual(remote.removed);
    expect(plan.writeBack).toBe(true);
    expect(plan.seen).toBe(5);
  });

  it('a pin changed here after the removal was seen survives it; equal versions break ties by origin', () => {
    const removal = { ticket: a.ticket, version: 4, origin: 'm' };
    const remote = { at: 0, pins: [], removed: [removal] };
    const keep = planMerge(
      { pins: [{ caseKey: key(a), stamp: { version: 5, origin: 'a' } }], removed: [] },
      remote,
    );
    expect(keep).toMatchObject({ remove: [], writeBack: true });
    const tieLost = planMerge(
      { pins: [{ caseKey: key(a), stamp: { version: 4, origin: 'a' } }], removed: [] },
      remote,
    );
    expect(tieLost.remove).toEqual([key(a)]);
    const tieWon = planMerge(
      { pins: [{ caseKey: key(a), stamp: { version: 4, origin: 'z' } }], removed: [] },
      remote,
    );
    expect(tieWon.remove).toEqual([]);
    expect(compareStamps({ version: 4, origin: 'z' }, removal)).toBeGreaterThan(0);
  });

  it('an unpin here is not undone by a stale mirror that still has the pin', () => {
    const remote = { at: NOW + 3_600_000, pins: [{ ...a, version: 2, origin: 'fast' }], removed: [] };
    const plan = planMerge({ pins: [], removed: [{ ticket: a.ticket, version: 3, origin: 'here' }] }, remote);
    expect(plan).toMatchObject({ add: [], writeBack: true });
  });

  it('nothing to do when the mirror says what this browser knows', () => {
    const pin = { ...a, version: 2, origin: 'x' };
    expect(
      planMerge(
        { pins: [{ caseKey: key(a), stamp: { version: 2, origin: 'x' } }], removed: [] },
        {
          at: 0,
          pins: [pin],
          removed: [],
        },
      ),
    ).toEqual({ add: [], update: [], removals: [], remove: [], writeBack: false, seen: 2 });
    expect(
      planMerge({ pins: [{ caseKey: 'x', stamp: { version: 1, origin: 'x' } }], removed: [] }, null)
        .writeBack,
    ).toBe(true);
  });
});
