import type { CaseworkView } from '../domain/casework';
import type { PinView } from '../domain/followthrough';
import type { Agent } from '../domain/model';
import type { CreditView, SidebarSnapshot } from '../domain/snapshot';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import { type Client, HelpdeskError } from '../helpdesks/http';
import type { SectionName } from '../messaging/protocol';
import { buildSnapshot } from './build-snapshot';
import { describeError, idleSections, type SectionStatuses, type Subject } from './sections';
import type { CachedContext, ContextStore } from './store';

/** A complete history younger than this is shown from the cache without asking again. */
export const HISTORY_FRESH_MS = 5 * 60_000;
const STREAM_PUBLISH_MS = 200;
const RECENT_SNAPSHOTS = 20;
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
  escalationDueHours(): number;
  /** The credit section for this ticket (policy, authority, grants); absent where credits are not wired. */
  credit?(ref: TicketRef, context: CachedContext): Promise<CreditView>;
  /** Ownership and escalation actions for this ticket; null until enough is cached. */
  casework?(ref: TicketRef, context: CachedContext): Promise<CaseworkView | null>;
  pin?(ref: TicketRef): Promise<PinView | null>;
}

interface View {
  ref: TicketRef;
  sections: SectionStatuses;
  signedOut: boolean;
  offline: boolean;
  refresh: Promise<void> | null;
  /** Why the rep's last credit command was refused; cleared by the next command. */
  creditRefusal: string | null;
  caseworkRefusal: string | null;
}

const isOffline = (error: unknown) => !(error instanceof HelpdeskError) || error.kind === 'network';
const isSignedOut = (error: unknown) => error instanceof HelpdeskError && error.kind === 'signed-out';

/**
 * Stale-while-revalidate for one ticket's context: the cached context goes out
 * at once, then every part refreshes in parallel and the view updates as each
 * arrives. A failure marks only its own section; cached data stays on screen.
 */
export function createContextSync(deps: ContextSyncDeps) {
  const views = new Map<string, View>();
  /** The last snapshot of recently viewed tickets: a warm switch paints it before touching the database. */
  const recent = new Map<string, SidebarSnapshot>();
  const groupsFetchedAt = new Map<string, number>();

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
        creditRefusal: null,
        caseworkRefusal: null,
      };
      views.set(key, view);
    }
    return view;
  };

  const publish = async (view: View, cached?: CachedContext) => {
    const context = cached ?? (await deps.store.read(view.ref));
    const key = refKey(view.ref);
    const [credit, casework, pin] = await Promise.all([
      creditOf(view, context),
      deps.casework ? deps.casework(view.ref, context).catch(() => null) : null,
      deps.pin ? deps.pin(view.ref).catch(() => null) : null,
    ]);
    const snapshot = buildSnapshot({
      ref: view.ref,
      context,
      sections: view.sections,
      signedOut: view.signedOut,
      offline: view.offline,
      now: deps.now(),
      escalationDueHours: deps.escalationDueHours(),
      credit,
      casework,
      caseworkRefusal: view.caseworkRefusal,
      pin,
    });
    recent.delete(key);
    recent.set(key, snapshot);
    if (recent.size > RECENT_SNAPSHOTS) recent.delete(recent.keys().next().value!);
    deps.emit(view.ref, snapshot);
  };

  const creditOf = async (view: View, context: CachedContext): Promise<CreditView | null> => {
    if (!deps.credit) return null;
    try {
      const credit = await deps.credit(view.ref, context);
      const refused = view.creditRefusal;
      view.sections.credit = {
        refreshing: false,
        error: refused ? { message: refused, status: null, retryable: false } : null,
        updatedAt: deps.now(),
      };
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
      void publish(view);
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

    const me = cached.me
      ? Promise.resolve(cached.me)
      : adapter
          .me(client, ref.account)
          .then(async (agent: Agent) => {
            await deps.store.writeMe(ref.account, agent);
            return agent;
          })
          .catch(() => null);

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
    for (const item of [context.case, ...context.history]) if (item?.assigneeId) wanted.add(item.assigneeId);
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
      if (last) deps.emit(ref, last);
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
    /** The rep's last credit or casework command was refused (or, with null, a new one starts). */
    refused(ref: TicketRef, feature: 'credit' | 'casework', message: string | null) {
      const view = views.get(refKey(ref));
      if (!view) return Promise.resolve();
      if (feature === 'credit') view.creditRefusal = message;
      else view.caseworkRefusal = message;
      return message === null ? Promise.resolve() : publish(view);
    },
    /** Every ticket in view, e.g. after the policy changed. */
    republishAll() {
      return Promise.all([...views.values()].map((view) => publish(view)));
    },
    /** Nobody shows this ticket any more. */
    forget(ref: TicketRef) {
      views.delete(refKey(ref));
    },
  };
}

export type ContextSync = ReturnType<typeof createContextSync>;
