import {
  agentNames,
  allPins,
  cachedCases,
  deletePins,
  getLastCheck,
  getPin,
  type PinWithWatch,
  putLastCheck,
  putPins,
} from '../db/pin-queries';
import { getEntries, getTrail, putAgents } from '../db/queries';
import type { PinRow } from '../db/rows';
import type { FrontlineDb } from '../db/schema';
import {
  CheckError,
  emptyWatch,
  type FollowItem,
  type FollowThroughView,
  type PinView,
  type PinWatch,
} from '../domain/followthrough';
import type { Case, Entry } from '../domain/model';
import { type HelpdeskKind, refKey, type TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import type { Priority } from '../transport/scheduler';
import { BudgetSpent, meter } from './budget';
import { caseworkSummary } from './casework-summary';
import { checkErrorOf } from './check-error';
import { diffPin, movedSince, movesOf } from './diff';
import { itemOf, orderItems } from './items';
import {
  loadPinClock,
  nextStamp,
  type PinClock,
  savePinClock,
  stampOf,
  stampPin,
  stampRemoval,
} from './pin-clock';
import { planMerge } from './sync-merge';
import {
  chunkCount,
  chunkKeys,
  decodeMirror,
  encodeMirror,
  type MirrorPin,
  type Stamp,
  SYNC_KEY,
} from './sync-mirror';

/** The part of `browser.storage.sync` the mirror uses. */
export interface SyncArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface FollowThroughDeps {
  db: FrontlineDb;
  adapterFor: (kind: HelpdeskKind) => HelpdeskAdapter;
  /** The client for an account: the session transport when a helpdesk tab is open, else the API token. */
  client: (account: string, priority: Priority) => Client;
  now: () => number;
  storageSync: SyncArea;
  /**
   * Requests one cycle may send to an account. Default 30: the scheduler's background
   * share of a minute on the smallest plan, so a cycle never outlasts its interval.
   */
  budget?: (account: string) => number;
  /** Report-back due hours for escalations made without Frontline (policy). */
  policyDueHours?: number;
}

export interface PinInput {
  ticket: TicketRef;
  /** ISO time; null clears it, undefined keeps the current one. */
  dueAt?: string | null | undefined;
  note?: string | undefined;
}

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
/** Entries of a moved ticket take two requests on both helpdesks (the ticket and one page of its thread). */
const ENTRIES_COST = 2;

/** The last check saw the case move but could not afford to read what moved. */
const unclassified = (watch: PinWatch): boolean =>
  watch.updatedAt !== null && watch.updatedAt !== watch.checkedUpdate;

const iso = (ms: number): string => new Date(ms).toISOString();
const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b;

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const pinViewOf = (ticket: TicketRef, item: PinWithWatch | null): PinView => ({
  ticket,
  pinned: item !== null,
  dueAt: item?.pin.dueAt == null ? null : iso(item.pin.dueAt),
  note: item?.pin.note ?? '',
});

const toMirrorPin = (pin: PinRow, stamp: Stamp): MirrorPin => ({
  ticket: pin.ticket,
  pinnedAt: pin.pinnedAt,
  dueAt: pin.dueAt,
  note: pin.note,
  version: stamp.version,
  origin: stamp.origin,
});

/** The mirror's items without the writer's time, to tell whether a write would change anything. */
const contentOf = (items: Record<string, unknown>): string =>
  JSON.stringify(items, (key, value) => (key === 'at' ? undefined : value));

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
 * The follow-through engine: pins, their watch state, the watcher cycle and the
 * storage.sync mirror. Everything lives in the database; the only memory is the
 * cycle in flight, so an alarm and "Check now" never run two cycles at once.
 */
export function createFollowThrough(deps: FollowThroughDeps) {
  const { db } = deps;
  const budgetOf = deps.budget ?? (() => DEFAULT_CYCLE_BUDGET);
  let running: Promise<CheckResult> | null = null;

  const writeMirror = async (clock: PinClock): Promise<void> => {
    const pins = (await allPins(db)).map((item) => toMirrorPin(item.pin, stampOf(clock, item.pin.caseKey)));
    const items = encodeMirror({ at: deps.now(), pins, removed: clock.removed });
    const before = chunkCount((await deps.storageSync.get(SYNC_KEY))[SYNC_KEY]);
    const count = Object.keys(items).length;
    const stored = await deps.storageSync.get(chunkKeys(Math.max(before, count)));
    // Nothing new (a merge that only confirmed the mirror): writing would just wake the other browsers.
    if (before === count && contentOf(stored) === contentOf(items)) return;
    await deps.storageSync.set(items);
    if (before > count) await deps.storageSync.remove(chunkKeys(before).slice(count));
  };

  /** A change made here: numbered above all this browser has seen, then mirrored. */
  const mirrorChange = async (change: (clock: PinClock, stamp: Stamp) => void): Promise<void> => {
    const clock = await loadPinClock(db);
    change(clock, nextStamp(clock));
    await savePinClock(db, clock);
    await writeMirror(clock);
  };

  /** Names, owner and escalation from what the sidebar has already cached. */
  const describeFromCache = async (ticket: TicketRef, watch: PinWatch): Promise<PinWatch> => {
    const [cached] = await cachedCases(db, [ticket]);
    const item = cached?.case ?? null;
    if (item === null) return watch;
    const entries = (await getEntries(db, ticket)) ?? [];
    const trail = (await getTrail(db, ticket)) ?? [];
    const summary = caseworkSummary(item, entries, trail, deps.now(), deps.policyDueHours);
    const names = await agentNames(db, ticket.account, summary.ownerId === null ? [] : [summary.ownerId]);
    return {
      ...watch,
      subject: item.subject,
      status: item.status,
      rawStatus: item.rawStatus,
      updatedAt: item.updatedAt,
      customerName: cached?.customer?.name ?? watch.customerName,
      ownerName: summary.ownerId === null ? null : (names.get(summary.ownerId) ?? watch.ownerName),
      escalation: summary.escalation,
    };
  };

  async function pin(input: PinInput): Promise<PinView> {
    const now = deps.now();
    const existing = await getPin(db, input.ticket);
    const dueAt =
      input.dueAt === undefined
        ? (existing?.pin.dueAt ?? null)
        : input.dueAt === null
          ? null
          : Date.parse(input.dueAt);
    let item: PinWithWatch;
    if (existing) {
      item = {
        pin: { ...existing.pin, dueAt, note: input.note ?? existing.pin.note },
        // A new date is a new obligation: seeing the old one overdue does not cover it.
        watch: dueAt === existing.pin.dueAt ? existing.watch : { ...existing.watch, overdueSeen: null },
      };
    } else {
      const watch = await describeFromCache(input.ticket, emptyWatch());
      item = {
        pin: {
          caseKey: refKey(input.ticket),
          ticket: input.ticket,
          pinnedAt: now,
          dueAt,
          note: input.note ?? '',
          // The rep pins what is in front of them: the cached case is what they saw.
          lastSeenUpdate: watch.updatedAt ?? iso(now),
        },
        watch: { ...watch, seenStatus: watch.rawStatus, checkedUpdate: watch.updatedAt },
      };
    }
    await putPins(db, [item]);
    await mirrorChange((clock, stamp) => stampPin(clock, item.pin.caseKey, stamp));
    return pinViewOf(input.ticket, item);
  }

  async function unpin(ticket: TicketRef): Promise<void> {
    await deletePins(db, [refKey(ticket)]);
    await mirrorChange((clock, stamp) => stampRemoval(clock, { ticket, ...stamp }));
  }

  /** The rep opened the case: what moved until now is seen, and so is a passed follow-up date. */
  async function seen(ticket: TicketRef): Promise<void> {
    const item = await getPin(db, ticket);
    if (item === null) return;
    const now = deps.now();
    const fresh = await describeFromCache(ticket, item.watch);
    const newest = later(item.watch.updatedAt, fresh.updatedAt) === fresh.updatedAt ? fresh : item.watch;
    const { pin: row } = item;
    await putPins(db, [
      {
        pin: { ...row, lastSeenUpdate: later(row.lastSeenUpdate, newest.updatedAt) },
        watch: {
          ...newest,
          seenStatus: newest.rawStatus ?? item.watch.seenStatus,
          checkedUpdate: item.watch.checkedUpdate,
          moves: [],
          overdueSeen: row.dueAt !== null && now >= row.dueAt ? row.dueAt : item.watch.overdueSeen,
        },
      },
    ]);
  }

  async function pinView(ticket: TicketRef): Promise<PinView> {
    return pinViewOf(ticket, await getPin(db, ticket));
  }

  async function view(): Promise<FollowThroughView> {
    const now = deps.now();
    const [pins, last] = await Promise.all([allPins(db), getLastCheck(db)]);
    const items = orderItems(pins.map(({ pin, watch }) => itemOf(pin, watch, now)));
    const error = CheckError.safeParse(last.error);
    return {
      items,
      lastCheckedAt: last.at === null ? null : iso(last.at),
      checkError: error.success ? error.data : null,
      badgeCount: items.filter((item) => item.needsAttention).length,
    };
  }

  interface AccountOutcome {
    updated: PinWithWatch[];
    requests: number;
    deferred: number;
    error: CheckError | null;
  }

  /** One account's part of a cycle: read the pinned tickets, then entries of the ones that moved. */
  async function checkAccount(account: string, pins: PinWithWatch[], now: number): Promise<AccountOutcome> {
    // runCheck groups pins by account, so the list is never empty.
    const helpdesk = pins[0]!.pin.ticket.helpdesk;
    const adapter = deps.adapterFor(helpdesk);
    const metered = meter(deps.client(account, 'background'), budgetOf(account));
    let error: CheckError | null = null;
    const fail = (e: unknown) => {
      if (!(e instanceof BudgetSpent)) error ??= checkErrorOf(e, helpdesk, account);
    };

    // Moves found but not yet classified come first, then the least recently checked, so a
    // budget smaller than the pins rotates through them; part of it is kept for those moves.
    const queue = [...pins].sort(
      (a, b) =>
        Number(unclassified(b.watch)) - Number(unclassified(a.watch)) ||
        (a.watch.checkedAt ?? 0) - (b.watch.checkedAt ?? 0),
    );
    const pending = queue.filter((item) => unclassified(item.watch)).length;
    const reserve = Math.min(pending * ENTRIES_COST, Math.floor(metered.left() / 2));
    const reader = batchReader(adapter, account);
    const batches = chunk(queue, reader.perRequest).slice(0, Math.max(1, metered.left() - reserve));
    const latest = new Map<string, Case | null>();
    await Promise.all(
      batches.map(async (batch) => {
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

    // Entries only for tickets that moved since the last check and since the rep last looked.
    const moved = queue.filter((item) => {
      const current = latest.get(item.pin.caseKey);
      return (
        current != null &&
        current.updatedAt !== item.watch.checkedUpdate &&
        movedSince(current, item.pin.lastSeenUpdate)
      );
    });
    const affordable = moved.slice(0, Math.floor(metered.left() / ENTRIES_COST));
    const entries = new Map<string, Entry[]>();
    await Promise.all(
      affordable.map(async (item) => {
        try {
          entries.set(item.pin.caseKey, await adapter.entries(metered.client, item.pin.ticket));
        } catch (e) {
          fail(e);
        }
      }),
    );

    const ownerIds = new Map<string, string | null>();
    const escalations = new Map<string, PinWatch['escalation']>();
    for (const item of affordable) {
      const current = latest.get(item.pin.caseKey);
      const found = entries.get(item.pin.caseKey);
      if (!current || !found) continue;
      const trail = (await getTrail(db, item.pin.ticket)) ?? [];
      const summary = caseworkSummary(current, found, trail, now, deps.policyDueHours);
      ownerIds.set(item.pin.caseKey, summary.ownerId);
      escalations.set(item.pin.caseKey, summary.escalation);
    }
    const wanted = [...ownerIds.values()].filter((id) => id !== null);
    const names = await agentNames(db, account, wanted);
    const unknown = wanted.filter((id) => !names.has(id));
    if (unknown.length > 0 && metered.left() > 0) {
      try {
        const agents = await adapter.agents(metered.client, account, unknown);
        // Kept in the shared name cache, so the next cycle (and the sidebar) need not ask again.
        await putAgents(db, agents, now);
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
        updated.push({ pin: item.pin, watch: { ...item.watch, missing: true, checkedAt: now } });
        continue;
      }
      updated.push(nextState(item, current, entries.get(key), now, ownerIds, escalations, names));
      if (moved.includes(item) && !entries.has(key)) deferred++;
    }
    return { updated, requests: metered.used(), deferred, error };
  }

  /** A pin after one check of `current`; entries undefined means "moved, not yet classified". */
  const nextState = (
    item: PinWithWatch,
    current: Case,
    found: Entry[] | undefined,
    now: number,
    ownerIds: Map<string, string | null>,
    escalations: Map<string, PinWatch['escalation']>,
    names: Map<string, string>,
  ): PinWithWatch => {
    const { pin: row, watch } = item;
    // Pins that arrived through storage.sync have no baseline: the first check sets it, quietly.
    const lastSeenUpdate = row.lastSeenUpdate ?? current.updatedAt;
    const seen = { ...row, lastSeenUpdate, seenStatus: watch.seenStatus ?? current.rawStatus };
    const changes = movesOf(diffPin({ ...seen, overdueSeen: watch.overdueSeen }, current, found, now));
    const moved = current.updatedAt !== watch.checkedUpdate && movedSince(current, lastSeenUpdate);
    const classified = !moved || found !== undefined;
    const ownerId = ownerIds.get(row.caseKey);
    return {
      pin: { ...row, lastSeenUpdate },
      watch: {
        ...watch,
        seenStatus: seen.seenStatus,
        checkedUpdate: classified ? current.updatedAt : watch.checkedUpdate,
        moves: [...new Set([...watch.moves, ...changes])],
        checkedAt: now,
        missing: false,
        subject: current.subject,
        status: current.status,
        rawStatus: current.rawStatus,
        updatedAt: current.updatedAt,
        ownerName:
          ownerId === undefined
            ? watch.ownerName
            : ownerId === null
              ? null
              : (names.get(ownerId) ?? watch.ownerName),
        escalation: escalations.get(row.caseKey) ?? watch.escalation,
      },
    };
  };

  async function runCheck(): Promise<CheckResult> {
    const now = deps.now();
    const pins = await allPins(db);
    const before = new Set(
      pins.filter(({ pin, watch }) => itemOf(pin, watch, now).needsAttention).map(({ pin }) => pin.caseKey),
    );
    const byAccount = new Map<string, PinWithWatch[]>();
    for (const item of pins) {
      const list = byAccount.get(item.pin.ticket.account) ?? [];
      list.push(item);
      byAccount.set(item.pin.ticket.account, list);
    }
    const outcomes = await Promise.all(
      [...byAccount].map(([account, list]) => checkAccount(account, list, now)),
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

    const current = await view();
    return {
      badgeCount: current.badgeCount,
      newlyFlagged: current.items.filter((item) => item.needsAttention && !before.has(refKey(item.ticket))),
      requests: outcomes.reduce((sum, o) => sum + o.requests, 0),
      deferred: outcomes.reduce((sum, o) => sum + o.deferred, 0),
      error,
    };
  }

  /** One watcher cycle; a call while one runs joins it. */
  function check(): Promise<CheckResult> {
    running ??= runCheck().finally(() => {
      running = null;
    });
    return running;
  }

  /** Brings in pins added or removed in another browser; call on start and when storage.sync changes. */
  async function mergeSync(): Promise<void> {
    const head = await deps.storageSync.get(SYNC_KEY);
    const keys = chunkKeys(chunkCount(head[SYNC_KEY]));
    const mirror = keys.length > 1 ? decodeMirror(await deps.storageSync.get(keys)) : decodeMirror(head);
    const local = await allPins(db);
    const clock = await loadPinClock(db);
    const plan = planMerge(
      {
        pins: local.map(({ pin }) => ({ caseKey: pin.caseKey, stamp: stampOf(clock, pin.caseKey) })),
        removed: clock.removed,
      },
      mirror,
    );
    const byKey = new Map(local.map((item) => [item.pin.caseKey, item]));
    const updates: PinWithWatch[] = plan.update.flatMap((remote) => {
      const item = byKey.get(refKey(remote.ticket));
      if (!item) return [];
      return [
        { pin: { ...item.pin, dueAt: remote.dueAt, note: remote.note ?? item.pin.note }, watch: item.watch },
      ];
    });
    const added = await Promise.all(
      plan.add.map(async (remote) => ({
        pin: {
          caseKey: refKey(remote.ticket),
          ticket: remote.ticket,
          pinnedAt: remote.pinnedAt,
          dueAt: remote.dueAt,
          note: remote.note ?? '',
          lastSeenUpdate: null,
        },
        watch: await describeFromCache(remote.ticket, emptyWatch()),
      })),
    );
    await putPins(db, [...updates, ...added]);
    await deletePins(db, plan.remove);
    for (const remote of [...plan.update, ...plan.add])
      stampPin(clock, refKey(remote.ticket), { version: remote.version, origin: remote.origin });
    for (const removal of plan.removals) stampRemoval(clock, removal);
    clock.counter = Math.max(clock.counter, plan.seen);
    await savePinClock(db, clock);
    if (plan.writeBack) await writeMirror(clock);
  }

  return { pin, unpin, seen, pinView, view, check, mergeSync };
}

export type FollowThrough = ReturnType<typeof createFollowThrough>;
