import type { CaseworkView } from '../domain/casework';
import type { PinView } from '../domain/followthrough';
import type { Agent } from '../domain/model';
import type { CreditView, HistoryDelta, SidebarSnapshot } from '../domain/snapshot';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import { type Client, HelpdeskError } from '../helpdesks/http';
import type { SectionName } from '../messaging/protocol';
import { buildSnapshot } from './build-snapshot';
import { createHistoryFeed, type HistoryFeed } from './history-feed';
import { describeError, idleSections, type SectionStatuses, type Subject } from './sections';
import type { CachedContext, ContextStore } from './store';

/** A complete history younger than this is shown from the cache without asking again. */
export const HISTORY_FRESH_MS = 5 * 60_000;
const STREAM_PUBLISH_MS = 200;
const RECENT_SNAPSHOTS = 20;
/** Requesters whose history feed stays in memory; an evicted one is read from the cache again. */
const RECENT_FEEDS = 20;
/** Groups rarely change: ask at most this often per account (per worker life; a restart asks again). */
const GROUPS_FRESH_MS = 10 * 60_000;

export interface ContextSyncDeps {
  adapterFor(ref: TicketRef): HelpdeskAdapter;
  /** A client for this ticket's account: scheduled, ETag-aware, cancellable per ticket. */
  client(ref: TicketRef, priority: 'view' | 'background'): Client;
  store: ContextStore;
  now(): number;
  /** Deliver a snapshot to every tab showing this ticket. */
  emit(ref: TicketRef, snapshot: SidebarSnapshot): void;
  escalationDueHours(): number | Promise<number>;
  /** The credit section for this ticket (policy, authority, grants); absent where credits are not wired. */
  credit?(ref: TicketRef, context: CachedContext): Promise<CreditView>;
  /** Ownership and escalation actions for this ticket; null until enough is cached. */
  casework?(ref: TicketRef, context: CachedContext): Promise<CaseworkView | null>;
  pin?(ref: TicketRef): Promise<PinView | null>;
}

interface Extras {
  escalationDueHours: number;
  credit: CreditView | null;
  casework: CaseworkView | null;
  pin: PinView | null;
}

interface View {
  ref: TicketRef;
  sections: SectionStatuses;
  signedOut: boolean;
  offline: boolean;
  refresh: Promise<void> | null;
  /** The feed of this ticket's requester, once the ticket is cached. */
  feedKey: string | null;
  /** Credit, casework and pin of the last full publish, reused while history pages stream in. */
  extras: Extras | null;
}

const isOffline = (error: unknown) => !(error instanceof HelpdeskError) || error.kind === 'network';
const isSignedOut = (error: unknown) => error instanceof HelpdeskError && error.kind === 'signed-out';
const sameAgent = (a: Agent | null, b: Agent) =>
  a !== null && a.id === b.id && a.account === b.account && a.name === b.name && a.email === b.email;

/**
 * Stale-while-revalidate for one ticket's context: the cached context goes out
 * at once, then every part refreshes in parallel and the view updates as each
 * arrives. A failure marks only its own section; cached data stays on screen.
 */
export function createContextSync(deps: ContextSyncDeps) {
  const views = new Map<string, View>();
  /**
   * The last snapshot of recently viewed tickets, with its history feed's key: a warm switch
   * paints it before touching the database, and the sidebar's history request it prompts is
   * answered even though the view was forgotten when the rep left the ticket.
   */
  const recent = new Map<string, { snapshot: SidebarSnapshot; feedKey: string | null }>();
  const groupsFetchedAt = new Map<string, number>();
  const feeds = new Map<string, Promise<HistoryFeed>>();

  /** The requester's feed, seeded from the cache once; later pages reach it as they arrive. */
  const feedFor = (account: string, requesterId: string): Promise<HistoryFeed> => {
    const key = `${account}:${requesterId}`;
    let feed = feeds.get(key);
    if (feed) {
      feeds.delete(key);
    } else {
      feed = deps.store.readHistory(account, requesterId).then((cases) => {
        // A new name per feed: a sidebar holding rows of an evicted feed or a stopped worker asks for all.
        const created = createHistoryFeed(crypto.randomUUID());
        created.upsert(cases);
        return created;
      });
      feed.catch(() => feeds.delete(key));
    }
    feeds.set(key, feed);
    if (feeds.size > RECENT_FEEDS) feeds.delete(feeds.keys().next().value!);
    return feed;
  };

  const viewOf = (ref: TicketRef): View => {
    const key = refKey(ref);
    let view = views.get(key);
    if (!view) {
      view = {
        ref,
        sections: idleSections(),
        signedOut: false,
        offline: false,
        refresh: null,
        feedKey: null,
        extras: null,
      };
      views.set(key, view);
    }
    return view;
  };

  /**
   * Paint the ticket. `streaming`: only history pages arrived, so credit, casework and
   * the pin of the last publish stand (each reads the database, once a page would be
   * once per 200 ms for as long as a long history loads).
   */
  const publish = async (view: View, cached?: CachedContext, streaming = false) => {
    const context = cached ?? (await deps.store.read(view.ref));
    const key = refKey(view.ref);
    let feed: HistoryFeed | null = null;
    if (context.case) {
      view.feedKey = `${view.ref.account}:${context.case.requesterId}`;
      feed = await feedFor(view.ref.account, context.case.requesterId);
      feed.upsert([context.case]);
      feed.derive({ agents: context.agents, grants: context.grants });
    }
    const extras: Extras =
      streaming && view.extras
        ? view.extras
        : await Promise.all([
            deps.escalationDueHours(),
            creditOf(view, context),
            deps.casework ? deps.casework(view.ref, context).catch(() => null) : null,
            deps.pin ? deps.pin(view.ref).catch(() => null) : null,
          ]).then(([escalationDueHours, credit, casework, pin]) => ({
            escalationDueHours,
            credit,
            casework,
            pin,
          }));
    view.extras = extras;
    const { escalationDueHours, credit, casework, pin } = extras;
    const snapshot = buildSnapshot({
      ref: view.ref,
      context,
      sections: view.sections,
      signedOut: view.signedOut,
      offline: view.offline,
      now: deps.now(),
      escalationDueHours,
      credit,
      casework,
      pin,
      history: feed?.summary() ?? null,
    });
    recent.delete(key);
    recent.set(key, { snapshot, feedKey: view.feedKey });
    if (recent.size > RECENT_SNAPSHOTS) recent.delete(recent.keys().next().value!);
    deps.emit(view.ref, snapshot);
  };

  const creditOf = async (view: View, context: CachedContext): Promise<CreditView | null> => {
    if (!deps.credit) return null;
    try {
      const credit = await deps.credit(view.ref, context);
      view.sections.credit = { refreshing: false, error: null, updatedAt: deps.now() };
      return credit;
    } catch {
      view.sections.credit = {
        refreshing: false,
        error: {
          message: 'Credits could not be loaded from this browser’s records.',
          status: null,
          retryable: true,
        },
        updatedAt: view.sections.credit.updatedAt,
      };
      return null;
    }
  };

  const start = (view: View, names: SectionName[]) => {
    for (const name of names) view.sections[name] = { ...view.sections[name], refreshing: true };
  };
  const succeed = (view: View, names: SectionName[]) => {
    const at = deps.now();
    for (const name of names) view.sections[name] = { refreshing: false, error: null, updatedAt: at };
  };
  const fail = (view: View, names: SectionName[], error: unknown, subject: Subject) => {
    if (isSignedOut(error)) view.signedOut = true;
    if (isOffline(error)) view.offline = true;
    const described = describeError(error, view.ref.helpdesk, subject);
    for (const name of names)
      view.sections[name] = { ...view.sections[name], refreshing: false, error: described };
  };

  /** A part that could not start because the one it needs failed shows that failure. */
  const inherit = (view: View, names: SectionName[], from: SectionName) => {
    for (const name of names) {
      view.sections[name] = { ...view.sections[name], refreshing: false, error: view.sections[from].error };
    }
    return publish(view);
  };

  /** Streaming pages: at most one snapshot per interval, so 50 pages are not 50 full re-reads. */
  const pendingPublish = new Set<View>();
  const publishSoon = (view: View) => {
    if (pendingPublish.has(view)) return;
    pendingPublish.add(view);
    setTimeout(() => {
      pendingPublish.delete(view);
      void publish(view, undefined, true);
    }, STREAM_PUBLISH_MS);
  };

  /** Run one part of the refresh; its failure is recorded, never thrown. */
  const part = async <T>(
    view: View,
    names: SectionName[],
    subject: Subject,
    work: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      const result = await work();
      succeed(view, names);
      return result;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return undefined;
      fail(view, names, error, subject);
      return undefined;
    } finally {
      await publish(view);
    }
  };

  const refresh = async (view: View, only?: SectionName) => {
    const { ref } = view;
    const adapter = deps.adapterFor(ref);
    const client = deps.client(ref, 'view');
    const cached = await deps.store.read(ref);
    const wanted = (names: SectionName[]) => (only ? names.filter((name) => name === only) : names);
    view.offline = false;
    view.signedOut = false;

    const all: SectionName[] = ['case', 'customer', 'owner', 'escalation', 'history'];
    start(view, wanted(all));
    await publish(view, cached);

    // The cached agent painted the first snapshot; the helpdesk is asked on every view (a 304
    // when unchanged), so another agent's sign-in shows their limits and a sign-out shows as one.
    const me = adapter
      .me(client, ref.account)
      .then((agent: Agent) =>
        sameAgent(cached.me, agent) ? undefined : deps.store.writeMe(ref.account, agent),
      )
      .catch(async (error: unknown) => {
        if (!isSignedOut(error)) return;
        view.signedOut = true;
        if (cached.me) await deps.store.clearMe(ref.account);
      });

    const ticket = wanted(['case', 'customer']).length
      ? part(view, ['case', 'customer'], 'ticket', async () => {
          const context = await adapter.ticket(client, ref);
          await deps.store.writeTicket(context);
          return context;
        })
      : Promise.resolve(undefined);

    // Entries and the trail change only when the ticket does: a warm view of an
    // unchanged ticket asks for the ticket alone (a 304 when the helpdesk sends ETags).
    const casework = (async () => {
      const names = wanted(['owner', 'escalation']);
      if (!names.length) return;
      // Entries cached before authors were verified are read again once: their markers would not count.
      const verified = cached.entries?.every((e) => e.authorConfirmed !== undefined) ?? false;
      if (cached.case && cached.entries && cached.trail && verified) {
        const fresh = await ticket;
        if (!fresh) return inherit(view, names, 'case');
        if (fresh.case.updatedAt === cached.case.updatedAt) {
          succeed(view, names);
          return publish(view);
        }
      }
      // Owner and escalation both stand on the conversation and the trail:
      // either failing marks both, and one succeeding must not hide the other's error.
      start(view, names);
      const [entries, trail] = await Promise.allSettled([
        adapter.entries(client, ref).then((list) => deps.store.writeEntries(ref, list)),
        adapter.assignmentTrail(client, ref).then((list) => deps.store.writeTrail(ref, list)),
      ]);
      if (entries.status === 'rejected') fail(view, names, entries.reason, 'conversation');
      else if (trail.status === 'rejected') fail(view, names, trail.reason, 'audits');
      else succeed(view, names);
      await publish(view);
      await fetchMissingAgentNames(view, adapter, client);
    })();

    const history = (async () => {
      if (!wanted(['history']).length) return;
      const fresh = cached.historyComplete && (cached.historyFetchedAt ?? 0) > deps.now() - HISTORY_FRESH_MS;
      if (fresh && only !== 'history') {
        succeed(view, ['history']);
        view.sections.history.updatedAt = cached.historyFetchedAt;
        return publish(view);
      }
      const requesterId = cached.case?.requesterId ?? (await ticket)?.case.requesterId;
      if (!requesterId) return inherit(view, ['history'], 'case');
      await part(view, ['history'], 'history', async () => {
        let total: number | null = null;
        for await (const page of adapter.requesterHistory(client, ref.account, requesterId)) {
          total = page.total;
          await deps.store.writeHistoryPage(ref.account, requesterId, page.cases);
          (await feedFor(ref.account, requesterId)).upsert(page.cases);
          publishSoon(view);
        }
        await deps.store.finishHistory(ref.account, requesterId, total, deps.now());
      });
    })();

    const groupsDue = (groupsFetchedAt.get(ref.account) ?? -Infinity) < deps.now() - GROUPS_FRESH_MS;
    const groups = groupsDue
      ? adapter
          .groups(client, ref.account)
          .then((list) => {
            groupsFetchedAt.set(ref.account, deps.now());
            return deps.store.writeGroups(list);
          })
          .catch(() => undefined)
      : Promise.resolve();

    await Promise.all([me, ticket, casework, history, groups]);
    await publish(view);
  };

  /** Names for the owner, the assignee and history assignees we have not seen yet. */
  const fetchMissingAgentNames = async (view: View, adapter: HelpdeskAdapter, client: Client) => {
    const context = await deps.store.read(view.ref);
    const known = new Set(context.agents.map((agent) => agent.id));
    const wanted = new Set<string>();
    const history = context.case ? (await feedFor(view.ref.account, context.case.requesterId)).cases() : [];
    for (const item of [context.case, ...history]) if (item?.assigneeId) wanted.add(item.assigneeId);
    for (const change of context.trail ?? [])
      if (change.field === 'assignee' && change.to) wanted.add(change.to);
    for (const entry of context.entries ?? [])
      if (entry.authorId && !entry.fromCustomer) wanted.add(entry.authorId);
    const missing = [...wanted].filter((id) => !known.has(id));
    if (!missing.length) return;
    try {
      await deps.store.writeAgents(await adapter.agents(client, view.ref.account, missing));
    } catch {
      // Names are a nicety: the ids still show, and the next view asks again.
    }
  };

  const run = (view: View, only?: SectionName) => {
    view.refresh ??= refresh(view, only).finally(() => {
      view.refresh = null;
    });
    return view.refresh;
  };

  return {
    /** A tab shows this ticket: cached context now, then a refresh (one at a time per ticket). */
    async view(ref: TicketRef) {
      const view = viewOf(ref);
      const last = recent.get(refKey(ref));
      if (last) {
        view.feedKey ??= last.feedKey;
        deps.emit(ref, last.snapshot);
      }
      // Eviction bookkeeping must not delay the first paint.
      void deps.store.touch(ref, deps.now()).catch(() => undefined);
      if (view.refresh) return publish(view);
      return run(view);
    },
    /** The rep pressed Retry on one section. */
    retry(ref: TicketRef, section: SectionName) {
      return run(viewOf(ref), section);
    },
    /** Something outside the refresh changed (a grant, the policy): paint the ticket again. */
    republish(ref: TicketRef) {
      const view = views.get(refKey(ref));
      return view ? publish(view) : Promise.resolve();
    },
    /** Every ticket in view, e.g. after the policy changed. */
    republishAll() {
      return Promise.all([...views.values()].map((view) => publish(view)));
    },
    /**
     * The history rows a sidebar lacks: those changed after `since` in `feed`, or every
     * row when it holds another feed (a first view, a restarted worker). Null when the
     * ticket is not in view or not cached yet; the next snapshot makes the sidebar ask again.
     */
    async history(ref: TicketRef, feed: string | null, since: number): Promise<HistoryDelta | null> {
      const view = views.get(refKey(ref));
      const key = view?.feedKey;
      const found = key ? await feeds.get(key) : undefined;
      if (!found) return null;
      const { id, version } = found.summary();
      const from = feed === id ? Math.min(since, version) : 0;
      return { ticket: ref, feed: id, from, to: version, rows: found.since(from) };
    },
    /** Nobody shows this ticket any more. */
    forget(ref: TicketRef) {
      views.delete(refKey(ref));
    },
  };
}

export type ContextSync = ReturnType<typeof createContextSync>;
