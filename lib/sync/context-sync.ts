import type { HistoryDelta, SidebarSnapshot } from '../domain/snapshot';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { SectionName } from '../messaging/protocol';
import { createFeedCache } from './feed-cache';
import { createPartRunner, type PartRunnerDeps } from './part-runner';
import { createPublisher, type PublisherDeps } from './publisher';
import { createTicketChanges } from './ticket-changes';
import { newTicketState, type TicketState } from './ticket-state';

const RECENT_SNAPSHOTS = 20;

export interface ContextSyncDeps
  extends Omit<PartRunnerDeps, 'feeds' | 'changes'>,
    Omit<PublisherDeps, 'feeds' | 'emit' | 'store'> {
  /** Deliver a snapshot to every tab showing this ticket. */
  emit(ref: TicketRef, snapshot: SidebarSnapshot): void;
}

/**
 * Stale-while-revalidate for one ticket's context: the cached context goes out
 * at once, then every part refreshes in parallel (./part-runner) and each
 * change is an event the publisher (./publisher) turns into at most one
 * snapshot per window. A failure marks only its own section; cached data stays
 * on screen.
 */
export function createContextSync(deps: ContextSyncDeps) {
  const states = new Map<string, TicketState>();
  /**
   * The last snapshot of recently viewed tickets, with its history feed's key: a warm switch
   * paints it before touching the database, and the sidebar's history request it prompts is
   * answered even though the state was forgotten when the rep left the ticket.
   */
  const recent = new Map<string, { snapshot: SidebarSnapshot; feedKey: string | null }>();
  const feeds = createFeedCache(deps.store);
  const changes = createTicketChanges();
  const publisher = createPublisher({
    ...deps,
    feeds,
    emit: (state, snapshot) => {
      const key = refKey(state.ref);
      recent.delete(key);
      recent.set(key, { snapshot, feedKey: state.feedKey });
      if (recent.size > RECENT_SNAPSHOTS) recent.delete(recent.keys().next().value!);
      deps.emit(state.ref, snapshot);
    },
  });
  changes.subscribe(publisher.changed);
  const runner = createPartRunner({ ...deps, feeds, changes });

  const stateOf = (ref: TicketRef): TicketState => {
    const key = refKey(ref);
    let state = states.get(key);
    if (!state) {
      state = newTicketState(ref);
      states.set(key, state);
    }
    return state;
  };

  /** Publish after an outside change and resolve once the snapshot that shows it went out. */
  const changed = (state: TicketState) => {
    changes.emit({ state, kind: 'data' });
    return publisher.published(state);
  };

  const run = (state: TicketState, only?: SectionName) => {
    state.refresh ??= runner
      .refresh(state, only)
      // The refresh's last changes go out now rather than at the end of the window.
      .then(() => publisher.flush(state))
      .finally(() => {
        state.refresh = null;
      });
    return state.refresh;
  };

  return {
    /** A tab shows this ticket: cached context now, then a refresh (one at a time per ticket). */
    async view(ref: TicketRef) {
      const state = stateOf(ref);
      const last = recent.get(refKey(ref));
      if (last) {
        state.feedKey ??= last.feedKey;
        deps.emit(ref, last.snapshot);
        publisher.painted(state);
      }
      // Eviction bookkeeping must not delay the first paint.
      void deps.store.touch(ref, deps.now()).catch(() => undefined);
      if (state.refresh) {
        changes.emit({ state, kind: 'progress' });
        return publisher.published(state);
      }
      return run(state);
    },
    /** The rep pressed Retry on one section. */
    retry(ref: TicketRef, section: SectionName) {
      return run(stateOf(ref), section);
    },
    /** Something outside the refresh changed (a grant, the policy): paint the ticket again. */
    republish(ref: TicketRef) {
      const state = states.get(refKey(ref));
      return state ? changed(state) : Promise.resolve();
    },
    /** Every ticket in view, e.g. after the policy changed. */
    republishAll() {
      return Promise.all([...states.values()].map(changed));
    },
    /**
     * The history rows a sidebar lacks: those changed after `since` in `feed`, or every
     * row when it holds another feed (a first view, a restarted worker). Null when the
     * ticket is not in view or not cached yet; the next snapshot makes the sidebar ask again.
     */
    async history(ref: TicketRef, feed: string | null, since: number): Promise<HistoryDelta | null> {
      const key = states.get(refKey(ref))?.feedKey;
      const found = key ? await feeds.get(key) : undefined;
      if (!found) return null;
      const { id, version } = found.summary();
      const from = feed === id ? Math.min(since, version) : 0;
      return { ticket: ref, feed: id, from, to: version, rows: found.since(from) };
    },
    /** Nobody shows this ticket any more. */
    forget(ref: TicketRef) {
      states.delete(refKey(ref));
    },
  };
}

export type ContextSync = ReturnType<typeof createContextSync>;
