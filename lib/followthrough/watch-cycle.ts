import {
  agentNames,
  allPins,
  getLastCheck,
  type PinWithWatch,
  putLastCheck,
  putPins,
} from '../db/pin-queries';
import { getTrail, putAgents } from '../db/queries';
import type { CheckError, FollowItem } from '../domain/followthrough';
import type { Case, Entry } from '../domain/model';
import { type HelpdeskKind, refKey } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { BudgetSpent, meter } from './budget';
import { caseworkSummary } from './casework-summary';
import { checkErrorOf } from './check-error';
import type { FollowThroughDeps } from './deps';
import { itemOf } from './items';
import { followView } from './pins';
import {
  checkOrder,
  type Described,
  ENTRIES_COST,
  missingPin,
  movedForRep,
  nextWatch,
  pinsToRead,
  readBatches,
} from './watch-state';

export interface CheckResult {
  badgeCount: number;
  /** Pins that started to need attention in this cycle (for a desktop notification). */
  newlyFlagged: FollowItem[];
  /** Requests sent in this cycle, all accounts together. */
  requests: number;
  /** Pins left for the next cycle because the budget was spent. */
  deferred: number;
  /** The first account that could not be checked. */
  error: CheckError | null;
}

export const DEFAULT_CYCLE_BUDGET = 30;

interface AccountOutcome {
  updated: PinWithWatch[];
  requests: number;
  deferred: number;
  error: CheckError | null;
}

/** Tickets of one account, read in as few requests as its helpdesk allows. */
const batchReader = (adapter: HelpdeskAdapter, account: string) =>
  adapter.cases ?? {
    perRequest: 1,
    read: async (client: Client, _account: string, ids: readonly string[]): Promise<Case[]> =>
      Promise.all(
        ids.map(async (id) => (await adapter.ticket(client, { helpdesk: adapter.kind, account, id })).case),
      ),
  };

/**
 * One account's part of a cycle: read the pinned tickets due a read (all of them when
 * `everything`), then the threads of the ones that moved.
 */
async function checkAccount(
  deps: FollowThroughDeps,
  helpdesk: HelpdeskKind,
  account: string,
  pins: readonly PinWithWatch[],
  now: number,
  everything: boolean,
): Promise<AccountOutcome> {
  const adapter = deps.adapterFor(helpdesk);
  const metered = meter(deps.client(account, 'background'), deps.budget?.(account) ?? DEFAULT_CYCLE_BUDGET);
  let error: CheckError | null = null;
  const fail = (e: unknown) => {
    if (!(e instanceof BudgetSpent)) error ??= checkErrorOf(e, helpdesk, account);
  };

  const reader = batchReader(adapter, account);
  const queue = pinsToRead(checkOrder(pins), reader.perRequest, now, everything);
  const latest = new Map<string, Case | null>();
  await Promise.all(
    readBatches(queue, reader.perRequest, metered.left()).map(async (batch) => {
      try {
        const found = await reader.read(
          metered.client,
          account,
          batch.map((item) => item.pin.ticket.id),
        );
        const byId = new Map(found.map((c) => [c.ref.id, c]));
        for (const item of batch) latest.set(item.pin.caseKey, byId.get(item.pin.ticket.id) ?? null);
      } catch (e) {
        fail(e);
      }
    }),
  );

  const moved = queue.filter((item) => movedForRep(item, latest.get(item.pin.caseKey)));
  const affordable = moved.slice(0, Math.floor(metered.left() / ENTRIES_COST));
  const entries = new Map<string, Entry[]>();
  await Promise.all(
    affordable.map(async (item) => {
      const current = latest.get(item.pin.caseKey);
      if (!current) return;
      try {
        // The ticket was just read: its thread alone says what moved (Freshdesk's leaves out the
        // opening message, which is older than any move).
        entries.set(
          item.pin.caseKey,
          await adapter.thread(metered.client, item.pin.ticket, current.requesterId),
        );
      } catch (e) {
        fail(e);
      }
    }),
  );

  const described = new Map<string, Described>();
  for (const item of affordable) {
    const current = latest.get(item.pin.caseKey);
    const found = entries.get(item.pin.caseKey);
    if (!current || !found) continue;
    const trail = (await getTrail(deps.db, item.pin.ticket)) ?? [];
    described.set(item.pin.caseKey, caseworkSummary(current, found, trail, now, deps.policyDueHours));
  }
  const wanted = [...described.values()].map((d) => d.ownerId).filter((id) => id !== null);
  const names = await agentNames(deps.db, account, wanted);
  const unknown = wanted.filter((id) => !names.has(id));
  if (unknown.length > 0 && metered.left() > 0) {
    try {
      const agents = await adapter.agents(metered.client, account, unknown);
      // Kept in the shared name cache, so the next cycle (and the sidebar) need not ask again.
      await putAgents(deps.db, agents, now);
      for (const agent of agents) names.set(agent.id, agent.name);
    } catch (e) {
      fail(e);
    }
  }

  const updated: PinWithWatch[] = [];
  let deferred = 0;
  for (const item of queue) {
    const key = item.pin.caseKey;
    if (!latest.has(key)) {
      deferred++;
      continue;
    }
    const current = latest.get(key) ?? null;
    if (current === null) {
      updated.push(missingPin(item, now));
      continue;
    }
    updated.push(nextWatch(item, current, entries.get(key), now, described.get(key), names));
    if (moved.includes(item) && !entries.has(key)) deferred++;
  }
  return { updated, requests: metered.used(), deferred, error };
}

/** Pins grouped by account, each with its helpdesk. */
const byAccount = (pins: readonly PinWithWatch[]) => {
  const groups = new Map<string, { helpdesk: HelpdeskKind; pins: PinWithWatch[] }>();
  for (const item of pins) {
    const { account, helpdesk } = item.pin.ticket;
    const group = groups.get(account) ?? { helpdesk, pins: [] };
    group.pins.push(item);
    groups.set(account, group);
  }
  return groups;
};

/**
 * One watch cycle: every account's pins due a read (watch-state.ts checkDue; all of them when
 * `everything`, the rep's *Check now*) checked within its request budget, the results stored
 * with the cycle's time or the reason it could not check.
 */
export async function runCycle(deps: FollowThroughDeps, everything = false): Promise<CheckResult> {
  const { db } = deps;
  const now = deps.now();
  const pins = await allPins(db);
  const before = new Set(
    pins.filter(({ pin, watch }) => itemOf(pin, watch, now).needsAttention).map(({ pin }) => pin.caseKey),
  );
  const outcomes = await Promise.all(
    [...byAccount(pins)].map(([account, group]) =>
      checkAccount(deps, group.helpdesk, account, group.pins, now, everything),
    ),
  );
  // A pin unpinned while the cycle ran must not come back.
  const still = new Set((await allPins(db)).map(({ pin }) => pin.caseKey));
  await putPins(
    db,
    outcomes.flatMap((o) => o.updated).filter(({ pin }) => still.has(pin.caseKey)),
  );
  const error = outcomes.find((o) => o.error !== null)?.error ?? null;
  const anyChecked = outcomes.some((o) => o.error === null) || outcomes.length === 0;
  const last = await getLastCheck(db);
  await putLastCheck(db, { at: anyChecked ? now : last.at, error });

  const current = await followView(deps);
  return {
    badgeCount: current.badgeCount,
    newlyFlagged: current.items.filter((item) => item.needsAttention && !before.has(refKey(item.ticket))),
    requests: outcomes.reduce((sum, o) => sum + o.requests, 0),
    deferred: outcomes.reduce((sum, o) => sum + o.deferred, 0),
    error,
  };
}
