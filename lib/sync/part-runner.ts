import { observeAssignment } from '../casework/observed-trail';
import { COMPLETE_HISTORY } from '../domain/history-completeness';
import type { Agent, Case, Entry } from '../domain/model';
import type { TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter, TicketContext } from '../helpdesks/adapter';
import { type Client, HelpdeskError } from '../helpdesks/http';
import type { SectionName } from '../messaging/protocol';
import type { FeedCache } from './feed-cache';
import { withFreshTicket } from './fresh-ticket';
import { describeError, type Subject } from './sections';
import type { CachedContext, ContextStore } from './store';
import type { TicketChanges } from './ticket-changes';
import type { TicketState } from './ticket-state';

/** A complete history younger than this is shown from the cache without asking again. */
export const HISTORY_FRESH_MS = 5 * 60_000;
/**
 * Groups rarely change: the account's list is asked at most this often, and the time is kept with
 * the account, because Chrome stops the worker after 30 s idle and a rep's next ticket would
 * otherwise ask again (200 reps, a restart every few minutes: thousands of requests an hour).
 */
export const GROUPS_FRESH_MS = 60 * 60_000;

export interface PartRunnerDeps {
  adapterFor(ref: TicketRef): HelpdeskAdapter;
  /** A client for this ticket's account: scheduled, ETag-aware, cancellable per ticket. */
  client(ref: TicketRef, priority: 'view' | 'background'): Client;
  store: ContextStore;
  feeds: FeedCache;
  changes: Pick<TicketChanges, 'emit'>;
  now(): number;
  /**
   * Rebuild the account's credit ledger from the helpdesk when it is due; it says
   * `changed` itself when it did. Asked once per refresh, never by a publish.
   */
  ledger?(ref: TicketRef): void;
  /** The "heal the team index" step (lib/credit/heal-index.ts healIndexFromNotes), run once per read of the thread. */
  restoreTag?(ticket: Case, entries: readonly Entry[]): void;
  /**
   * The credit ledger's step (lib/credit/ticket-grants.ts), run once per read of the thread:
   * the ticket's grants, whoever made them, so an approver's grant of the rep's request shows.
   */
  notesRead?(ticket: Case, entries: readonly Entry[]): void;
}

/** A ticket the helpdesk gives back as the cache holds it (a 304's replay): nothing to paint anew. */
const unchangedFrom = (cached: CachedContext, fresh: TicketContext): boolean =>
  cached.case !== null &&
  JSON.stringify(cached.case) === JSON.stringify(fresh.case) &&
  JSON.stringify(cached.requester) === JSON.stringify(fresh.requester);

const isOffline = (error: unknown) => !(error instanceof HelpdeskError) || error.kind === 'network';
const isSignedOut = (error: unknown) => error instanceof HelpdeskError && error.kind === 'signed-out';
const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
const sameAgent = (a: Agent | null, b: Agent) =>
  a !== null && a.id === b.id && a.account === b.account && a.name === b.name && a.email === b.email;

/**
 * The refresh of one ticket, part by part (case and customer, owner and
 * escalation, history, who is signed in, groups), in parallel. Each part
 * records its own outcome in its sections and says what changed; a failing
 * part marks only its sections, and the others go on. Publishing is not its
 * business: it emits ticket changes, and the publisher decides when to paint.
 */
export function createPartRunner(deps: PartRunnerDeps) {
  const progress = (state: TicketState) => deps.changes.emit({ state, kind: 'progress' });
  const data = (state: TicketState) => deps.changes.emit({ state, kind: 'data' });

  const start = (state: TicketState, names: SectionName[]) => {
    for (const name of names) state.sections[name] = { ...state.sections[name], refreshing: true };
  };
  const succeed = (state: TicketState, names: SectionName[]) => {
    const at = deps.now();
    for (const name of names) state.sections[name] = { refreshing: false, error: null, updatedAt: at };
  };
  const fail = (state: TicketState, names: SectionName[], error: unknown, subject: Subject) => {
    if (isSignedOut(error)) state.signedOut = true;
    if (isOffline(error)) state.offline = true;
    const described = describeError(error, state.ref.helpdesk, subject);
    for (const name of names)
      state.sections[name] = { ...state.sections[name], refreshing: false, error: described };
  };

  /** A part that could not start because the one it needs failed shows that failure. */
  const inherit = (state: TicketState, names: SectionName[], from: SectionName) => {
    for (const name of names) {
      state.sections[name] = {
        ...state.sections[name],
        refreshing: false,
        error: state.sections[from].error,
      };
    }
    progress(state);
  };

  /**
   * Run one part; its failure is recorded in its sections, never thrown. A part that reports its
   * own success (`painted`: the ticket's, as a patch or as an unchanged ticket) is not reported again.
   */
  const part = async <T>(
    state: TicketState,
    names: SectionName[],
    subject: Subject,
    work: () => Promise<T>,
    { painted = false } = {},
  ): Promise<T | undefined> => {
    try {
      const result = await work();
      if (!painted) {
        succeed(state, names);
        data(state);
      }
      return result;
    } catch (error) {
      if (isAbort(error)) return undefined;
      fail(state, names, error, subject);
      progress(state);
      return undefined;
    }
  };

  /** Names for the owner, the assignee and history assignees we have not seen yet. */
  const fetchMissingAgentNames = async (state: TicketState, adapter: HelpdeskAdapter, client: Client) => {
    const context = await deps.store.read(state.ref);
    const known = new Set(context.agents.map((agent) => agent.id));
    const wanted = new Set<string>();
    const history = context.case
      ? (await deps.feeds.feedFor(state.ref.account, context.case.requesterId)).cases()
      : [];
    for (const item of [context.case, ...history]) if (item?.assigneeId) wanted.add(item.assigneeId);
    for (const change of context.trail ?? [])
      if (change.field === 'assignee' && change.to) wanted.add(change.to);
    for (const entry of context.entries ?? [])
      if (entry.authorId && !entry.fromCustomer) wanted.add(entry.authorId);
    const missing = [...wanted].filter((id) => !known.has(id));
    if (!missing.length) return;
    try {
      await deps.store.writeAgents(await adapter.agents(client, state.ref.account, missing));
      data(state);
    } catch {
      // Names are a nicety: the ids still show, and the next view asks again.
    }
  };

  /** Refresh every part of the ticket, or only `only` (the rep pressed Retry on it). */
  const refresh = async (state: TicketState, only?: SectionName) => {
    const { ref } = state;
    const adapter = deps.adapterFor(ref);
    const client = deps.client(ref, 'view');
    const wanted = (names: SectionName[]) => (only ? names.filter((name) => name === only) : names);
    // Asked before the cache is read: on a first view that read is all that stands between the
    // rep's click and the one request the first context waits for.
    const asked = wanted(['case', 'customer']).length ? adapter.ticket(client, ref) : null;
    // The answer alone, for the parts that need its data but not its write to the cache; its
    // failure is the ticket part's to record.
    const answered = asked ? asked.catch(() => undefined) : Promise.resolve(undefined);
    const cached = await deps.store.read(ref);
    state.offline = false;
    state.signedOut = false;

    const all: SectionName[] = ['case', 'customer', 'owner', 'escalation', 'history'];
    start(state, wanted(all));
    deps.changes.emit({ state, kind: 'data', context: cached });

    // The cached agent painted the first snapshot; the helpdesk is asked on every view (a 304
    // when unchanged), so another agent's sign-in shows their limits and a sign-out shows as one.
    const me = adapter
      .me(client, ref.account)
      .then(async (agent: Agent) => {
        if (sameAgent(cached.me, agent)) return;
        await deps.store.writeMe(ref.account, agent);
        data(state);
      })
      .catch(async (error: unknown) => {
        if (!isSignedOut(error)) return;
        state.signedOut = true;
        if (cached.me) await deps.store.clearMe(ref.account);
        data(state);
      });

    // A profile that has not seen its agent yet learns it from this `me`: the ledger, which needs
    // it, starts after it rather than ask users/me again (200 fresh profiles: 200 requests).
    if (cached.me) deps.ledger?.(ref);
    else void me.then(() => deps.ledger?.(ref));

    const ticket = asked
      ? part(
          state,
          ['case', 'customer'],
          'ticket',
          async () => {
            const context = await asked;
            if (unchangedFrom(cached, context)) {
              await deps.store.writeTicket(context);
              succeed(state, ['case', 'customer']);
              data(state);
              return context;
            }
            // Painted from memory, and written once that snapshot is out; its requester's part,
            // when the cache did not hold this ticket, is read from tables the write does not hold.
            let storedBy: (write: Promise<void>) => void = () => undefined;
            const stored = new Promise<void>((resolve) => {
              storedBy = resolve;
            });
            succeed(state, ['case', 'customer']);
            deps.changes.emit({
              state,
              kind: 'data',
              patch: {
                apply: async (shown) =>
                  withFreshTicket(
                    shown,
                    context,
                    shown.case?.requesterId === context.case.requesterId
                      ? null
                      : await deps.store.readRequester(ref.account, context.case.requesterId),
                  ),
                write: () => {
                  const write = deps.store.writeTicket(context);
                  storedBy(write);
                  return write;
                },
              },
            });
            await stored;
            return context;
          },
          { painted: true },
        )
      : Promise.resolve(undefined);

    // Entries and the trail change only when the ticket does: a warm view of an
    // unchanged ticket asks for the ticket alone (a 304 when the helpdesk sends ETags).
    const casework = (async () => {
      const names = wanted(['owner', 'escalation']);
      if (!names.length) return;
      // Entries cached before authors were verified are read again once: their markers would not count.
      const verified = cached.entries?.every((e) => e.authorConfirmed !== undefined) ?? false;
      if (cached.case && cached.entries && cached.trail && verified) {
        const fresh = await answered;
        if (!fresh) {
          await ticket;
          return inherit(state, names, 'case');
        }
        if (fresh.case.updatedAt === cached.case.updatedAt) {
          succeed(state, names);
          return progress(state);
        }
      }
      // Owner and escalation both stand on the conversation and the trail:
      // either failing marks both, and one succeeding must not hide the other's error.
      start(state, names);
      const [entries, trail] = await Promise.allSettled([
        adapter.entries(client, ref).then(async (list) => {
          await deps.store.writeEntries(ref, list);
          return list;
        }),
        adapter.assignmentTrail(client, ref).then(async (list) => {
          const item = adapter.trailSource === 'observed' ? ((await answered)?.case ?? cached.case) : null;
          await deps.store.writeTrail(ref, item ? observeAssignment(cached.trail ?? [], item) : list);
        }),
      ]);
      if (entries.status === 'rejected') fail(state, names, entries.reason, 'conversation');
      else if (trail.status === 'rejected') fail(state, names, trail.reason, 'audits');
      else succeed(state, names);
      data(state);
      const fresh = await answered;
      if (fresh && entries.status === 'fulfilled') {
        deps.restoreTag?.(fresh.case, entries.value);
        deps.notesRead?.(fresh.case, entries.value);
      }
      // The names wanted are read from the cache, which holds the fetched case once it is written.
      await ticket;
      await fetchMissingAgentNames(state, adapter, client);
    })();

    const history = (async () => {
      if (!wanted(['history']).length) return;
      const fresh = cached.historyComplete && (cached.historyFetchedAt ?? 0) > deps.now() - HISTORY_FRESH_MS;
      if (fresh && only !== 'history') {
        succeed(state, ['history']);
        state.sections.history.updatedAt = cached.historyFetchedAt;
        return progress(state);
      }
      const requesterId = cached.case?.requesterId ?? (await answered)?.case.requesterId;
      if (!requesterId) {
        await ticket;
        return inherit(state, ['history'], 'case');
      }
      await part(state, ['history'], 'history', async () => {
        let total: number | null = null;
        let completeness = COMPLETE_HISTORY;
        for await (const page of adapter.requesterHistory(client, ref.account, requesterId)) {
          total = page.total;
          completeness = page.completeness ?? completeness;
          await deps.store.writeHistoryPage(ref.account, requesterId, page.cases);
          (await deps.feeds.feedFor(ref.account, requesterId)).upsert(page.cases);
          progress(state);
        }
        await deps.store.finishHistory(ref.account, requesterId, total, deps.now(), completeness);
      });
    })();

    // Kept with the account, so the worker Chrome restarts between tickets does not ask again.
    const groupsDue = (cached.groupsListedAt ?? -Infinity) < deps.now() - GROUPS_FRESH_MS;
    const groups = groupsDue
      ? adapter
          .groups(client, ref.account)
          .then(async (list) => {
            await deps.store.writeGroupList(ref.account, ref.helpdesk, list);
            data(state);
          })
          .catch(() => undefined)
      : Promise.resolve();

    await Promise.all([me, ticket, casework, history, groups]);
  };

  return { refresh };
}
