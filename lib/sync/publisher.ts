import { type CaseState, deriveCaseState } from '../casework/case-state';
import type { CaseworkView } from '../domain/casework';
import type { PinView } from '../domain/followthrough';
import type { CreditView, SidebarSnapshot } from '../domain/snapshot';
import type { TicketRef } from '../domain/ticket-ref';
import { buildSnapshot } from './build-snapshot';
import type { FeedCache } from './feed-cache';
import type { HistoryFeed } from './history-feed';
import type { SectionStatus } from './sections';
import type { CachedContext, ContextStore } from './store';
import type { ContextPatch, TicketChange } from './ticket-changes';
import type { TicketState } from './ticket-state';

/**
 * Changes to one ticket closer together than this go out as one snapshot. A
 * sidebar paints at most once a display frame (~16.7 ms at 60 Hz), so a
 * second snapshot inside a frame is serialized, validated and rendered for
 * nothing. The first change after a quiet window goes out at once, so a first
 * paint or a switch never waits; only a change that follows a publish within
 * the window waits, for the rest of the window.
 */
export const PUBLISH_WINDOW_MS = 16;

export interface PublisherDeps {
  store: Pick<ContextStore, 'read'>;
  feeds: FeedCache;
  now(): number;
  emit(state: TicketState, snapshot: SidebarSnapshot): void;
  escalationDueHours(): number | Promise<number>;
  /** The credit section for this ticket (policy, authority, grants); absent where credits are not wired. */
  credit?(ref: TicketRef, context: CachedContext): Promise<CreditView>;
  /** Ownership and escalation actions, from the owner and escalation this publish worked out; null until enough is cached. */
  casework?(ref: TicketRef, context: CachedContext, state: CaseState | null): Promise<CaseworkView | null>;
  pin?(ref: TicketRef): Promise<PinView | null>;
}

/** What a publish derives from the cached context without a read of its own. */
interface Grounds {
  context: CachedContext;
  caseState: CaseState | null;
  escalationDueHours: number;
}

/** The views a publish reads from the database for its context (policy, ledger, grants, pins). */
interface Views {
  credit: CreditView | null;
  casework: CaseworkView | null;
  pin: PinView | null;
}

/**
 * What a publish derives; reused while only progress changes. `creditLater`: the credit view was not
 * worked out, because the ticket's case was still on its way and a view then could only say that
 * credits are off for want of a customer.
 */
type Derived = Grounds & Views & { creditLater: boolean };

/** One ticket's publishing: what changed since the last snapshot, and whether one is going out or cooling. */
interface Slot {
  pending: TicketChange['kind'] | null;
  /** A context read by whoever changed the cache, so the publish need not read it again. */
  given: CachedContext | null;
  /** A change came with neither: the cache must be read. */
  reread: boolean;
  /** Changes not yet written to the cache, applied over whatever context a publish stands on. */
  unwritten: Set<ContextPatch>;
  /** Their writes, started once the publish showing them is done. */
  writes: (() => Promise<unknown>)[];
  last: Derived | null;
  running: Promise<void> | null;
  cooling: ReturnType<typeof setTimeout> | null;
  /** A refresh ended: what is pending goes out as soon as the running publish is done. */
  urgent: boolean;
  /** Callers waiting for the publish that covers the pending changes. */
  waiters: (() => void)[];
}

const CREDIT_UNAVAILABLE = 'Credits could not be loaded from this browser’s records.';

/**
 * Publishing subscribes to ticket changes: each change marks its ticket, and
 * the ticket's snapshot is built from the cache and sent at most once per
 * window, however many parts changed inside it. A `progress` change reuses the
 * last context and views; a `data` change reads the context once and works out
 * owner, escalation, credit, casework and pin once for that snapshot. The one in
 * which the ticket's case arrives (the last had none: a cold view) goes out
 * before the credit, casework and pin views, and once more with them.
 */
export function createPublisher(deps: PublisherDeps) {
  const slots = new WeakMap<TicketState, Slot>();
  const slotOf = (state: TicketState): Slot => {
    let slot = slots.get(state);
    if (!slot) {
      slot = {
        pending: null,
        given: null,
        reread: false,
        unwritten: new Set(),
        writes: [],
        last: null,
        running: null,
        cooling: null,
        urgent: false,
        waiters: [],
      };
      slots.set(state, slot);
    }
    return slot;
  };

  const creditOf = async (state: TicketState, context: CachedContext): Promise<CreditView | null> => {
    if (!deps.credit) return null;
    try {
      const credit = await deps.credit(state.ref, context);
      state.sections.credit = { refreshing: false, error: null, updatedAt: deps.now() };
      return credit;
    } catch {
      state.sections.credit = {
        refreshing: false,
        error: { message: CREDIT_UNAVAILABLE, status: null, retryable: true },
        updatedAt: state.sections.credit.updatedAt,
      };
      return null;
    }
  };

  const groundsOf = async (context: CachedContext): Promise<Grounds> => {
    const escalationDueHours = await deps.escalationDueHours();
    const current = context.case;
    const caseState =
      current && context.entries
        ? deriveCaseState({
            case: current,
            entries: context.entries,
            trail: context.trail ?? [],
            now: deps.now(),
            dueHours: escalationDueHours,
          })
        : null;
    return { context, caseState, escalationDueHours };
  };

  const viewsOf = async (
    state: TicketState,
    { context, caseState }: Grounds,
    withCredit: boolean,
  ): Promise<Views> => {
    const [credit, casework, pin] = await Promise.all([
      withCredit ? creditOf(state, context) : null,
      deps.casework ? deps.casework(state.ref, context, caseState).catch(() => null) : null,
      deps.pin ? deps.pin(state.ref).catch(() => null) : null,
    ]);
    return { credit, casework, pin };
  };

  /** The context a `data` publish stands on: given, the last one, or read; then what is not written yet. */
  const contextFor = async (
    state: TicketState,
    slot: Slot,
    { given, reread }: Pick<Slot, 'given' | 'reread'>,
  ): Promise<CachedContext> => {
    let context =
      given ?? (reread ? null : (slot.last?.context ?? null)) ?? (await deps.store.read(state.ref));
    for (const patch of [...slot.unwritten]) context = await patch(context);
    return context;
  };

  /** The requester's history feed, brought up to this context; null until the ticket is cached. */
  const feedOf = async (state: TicketState, context: CachedContext): Promise<HistoryFeed | null> => {
    if (!context.case) return null;
    state.feedKey = `${state.ref.account}:${context.case.requesterId}`;
    const feed = await deps.feeds.feedFor(state.ref.account, context.case.requesterId);
    feed.upsert([context.case]);
    feed.derive({ agents: context.agents, grants: context.grants });
    return feed;
  };

  const build = async (
    state: TicketState,
    slot: Slot,
    kind: TicketChange['kind'],
    from: Pick<Slot, 'given' | 'reread'>,
  ) => {
    // The statuses as of the changes this publish covers: a part finishing while the context is
    // read would otherwise show as done beside data that does not hold its result yet.
    const shown = { ...state.sections };
    const { signedOut, offline } = state;
    const paint = (derived: Derived, feed: HistoryFeed | null, credit: SectionStatus) => {
      deps.emit(
        state,
        buildSnapshot({
          ref: state.ref,
          context: derived.context,
          sections: { ...shown, credit },
          signedOut,
          offline,
          now: deps.now(),
          caseState: derived.caseState,
          credit: derived.credit,
          casework: derived.casework,
          pin: derived.pin,
          history: feed?.summary() ?? null,
        }),
      );
    };
    const loadingCredit: SectionStatus = {
      refreshing: true,
      error: null,
      updatedAt: state.sections.credit.updatedAt,
    };
    const { last } = slot;
    // Progress reuses the last views, unless the credit view was left for the case, which is no longer coming.
    if (kind === 'progress' && last && !(last.creditLater && !shown.case.refreshing)) {
      const credit = last.creditLater ? loadingCredit : state.sections.credit;
      return paint(last, await feedOf(state, last.context), credit);
    }
    const grounds = await groundsOf(await contextFor(state, slot, from));
    // A cold view's first snapshot goes out while its ticket is fetched: the credit section loads
    // rather than say credits are off until a customer is known, for the length of a round trip.
    const creditLater = deps.credit !== undefined && !grounds.context.case && shown.case.refreshing;
    const feed = await feedOf(state, grounds.context);
    // The case arrives (a cold view's first context, after the skeleton the cache had): it goes out
    // without waiting for the views' reads (~20 ms), and again with them below. Not so a state's
    // first publish that holds the case already (a warm switch, a restarted worker): its sidebar may
    // show that ticket's credit panel, which must not blank out and drop a half-typed grant.
    if (last && !last.context.case && grounds.context.case) {
      // The credit section loads meanwhile: a credit view from before the customer was known (if
      // one was worked out) says credits are off for want of one. Casework stays null, which the sidebar
      // shows as no controls, as it does until the cache holds the case; the pin does not depend
      // on the case, so the last one stands.
      paint(
        { ...grounds, credit: null, casework: null, pin: last.pin, creditLater: true },
        feed,
        deps.credit ? loadingCredit : state.sections.credit,
      );
    }
    // Asked only now: their reads would otherwise compete with the feed's for the first paint.
    // A case already shown waits for its views and goes out once, so its credit panel never flickers.
    slot.last = { ...grounds, ...(await viewsOf(state, grounds, !creditLater)), creditLater };
    // The credit section's status is the credit view's, just worked out above (or loading, left for the case).
    paint(slot.last, feed, creditLater ? loadingCredit : state.sections.credit);
  };

  const cool = (state: TicketState, slot: Slot) => {
    slot.cooling = setTimeout(() => {
      slot.cooling = null;
      if (slot.pending) start(state, slot);
    }, PUBLISH_WINDOW_MS);
  };

  const start = (state: TicketState, slot: Slot) => {
    const kind = slot.pending ?? 'progress';
    const from = { given: slot.given, reread: slot.reread };
    const waiters = slot.waiters.splice(0);
    const writes = slot.writes.splice(0);
    slot.pending = null;
    slot.given = null;
    slot.reread = false;
    slot.running = build(state, slot, kind, from)
      // A failed publish leaves the last snapshot on screen; the next change publishes again.
      .catch(() => undefined)
      .finally(() => {
        // After the build's last snapshot, not after the first that shows the patch: the views that
        // snapshot waits on read tables the write holds (the credit view the entries and agents,
        // casework the case and its entries), and a write started between the two would put those
        // reads behind it. The case is on screen from memory meanwhile, so the rep waits for neither.
        for (const write of writes) void write();
        slot.running = null;
        for (const done of waiters) done();
        const urgent = slot.urgent;
        slot.urgent = false;
        if (urgent && slot.pending) start(state, slot);
        else cool(state, slot);
      });
  };

  /** Resolves once a publish has covered every change made so far. */
  const published = (state: TicketState): Promise<void> => {
    const slot = slotOf(state);
    if (!slot.pending) return slot.running ?? Promise.resolve();
    return new Promise((resolve) => slot.waiters.push(resolve));
  };

  return {
    /** The subscriber to ticket changes. */
    changed({ state, kind, context, patch }: TicketChange): void {
      const slot = slotOf(state);
      slot.pending = slot.pending === 'data' || kind === 'data' ? 'data' : 'progress';
      if (context) {
        slot.given = context;
        slot.reread = false;
      } else if (patch) {
        const { apply, write } = patch;
        slot.unwritten.add(apply);
        slot.writes.push(() =>
          write()
            .catch(() => undefined)
            .finally(() => slot.unwritten.delete(apply)),
        );
      } else if (kind === 'data') {
        slot.given = null;
        slot.reread = true;
      }
      if (!slot.running && !slot.cooling) start(state, slot);
    },
    published,
    /** What is pending goes out now, without waiting for the window: a refresh has ended. */
    flush(state: TicketState): Promise<void> {
      const slot = slotOf(state);
      if (slot.pending && slot.running) slot.urgent = true;
      else if (slot.pending) {
        if (slot.cooling) clearTimeout(slot.cooling);
        slot.cooling = null;
        start(state, slot);
      }
      return published(state);
    },
    /** A snapshot went out by another way (the remembered one of a warm switch): the window starts now. */
    painted(state: TicketState): void {
      const slot = slotOf(state);
      if (!slot.running && !slot.cooling) cool(state, slot);
    },
  };
}

export type Publisher = ReturnType<typeof createPublisher>;
