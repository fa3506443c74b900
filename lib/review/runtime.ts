import { APPROVAL_TAG } from '../credit/approval-send';
import { approverCheck } from '../credit/approver-check';
import type { AccountRef } from '../credit/deps';
import type { CommandResult, GrantCommand } from '../credit/service';
import { accountAgents, getAccount } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import { suspectsIn } from '../db/suspect-queries';
import type { CreditGrant } from '../domain/credit-grant';
import { readableText } from '../domain/markers';
import type { Agent, Case } from '../domain/model';
import type { PolicyResult } from '../domain/policy';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { pendingRequests } from './approval-queue';
import { createDecisions } from './decisions';
import { agentNames, customerNames } from './names';
import { choiceBounds, type PeriodChoice } from './period-choice';
import { type BackgroundToReview, type QueueItem, ReviewToBackground, type SuspectItem } from './protocol';
import { type AccountSource, periodGrants, rebuildGrants, taggedWithEntries } from './rebuild';
import type { ReviewRow } from './review-row';
import { type SolvedCount, solvedCounts } from './solved';
import { ticketAddress } from './ticket-address';

/** Pending requests are looked for this far back whatever period is shown. */
const QUEUE_DAYS = 30;
const DAY_MS = 86_400_000;
/** Rows shown while the helpdesk is read are refreshed at most this often. */
const PARTIAL_MS = 1_500;

/** Which names a row build may ask the helpdesk for; the rest come from the cache or show as ids. */
interface NameFetch {
  agents: boolean;
  customers: boolean;
}
const ALL_NAMES: NameFetch = { agents: true, customers: true };

export interface ReviewPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface ReviewDeps {
  db: FrontlineDb;
  adapterFor(kind: AccountRef['helpdesk']): HelpdeskAdapter;
  client(account: AccountRef, priority: 'view' | 'background'): Client;
  loadPolicy(): Promise<PolicyResult>;
  /** Accounts with an open helpdesk tab or a stored API credential. */
  accounts(): Promise<AccountRef[]>;
  now(): number;
  /** The credit service's grant path: limits are checked against `me`, the approver. */
  grant(cmd: GrantCommand, me: Agent, customerId: string): Promise<CommandResult>;
  /** Takes back a grant within its undo window (an approval that lost a race to another approver). */
  undo(grantId: string): Promise<CommandResult>;
  /** Work the credit outbox now (the grant commits after its undo window). */
  drain(): void;
  /** A ticket's notes changed: re-publish its sidebar. */
  changed(ticket: TicketRef): void;
  /** navigator.locks.request in the worker: one decision of a request at a time. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/**
 * The manager review in the worker: rebuilds a period's grants from every
 * reachable account, finds the pending approval requests, and decides them.
 * Only our review page reaches this (the router checks the port's sender).
 */
export function createReviewRuntime(deps: ReviewDeps) {
  const decisions = createDecisions(deps);
  const source = (account: AccountRef): AccountSource => ({
    ...account,
    adapter: deps.adapterFor(account.helpdesk),
    client: deps.client(account, 'view'),
  });

  /**
   * The period's recorded grants as rows. `statuses` is what this load's search
   * saw of each ticket (none yet: not known); `fetch` says which names may be
   * asked of the helpdesk rather than only read from the cache.
   */
  async function rowsOf(
    src: AccountSource,
    grants: CreditGrant[],
    statuses: ReadonlyMap<string, Case['status']>,
    fetch: NameFetch,
  ): Promise<ReviewRow[]> {
    const agent = await agentNames(
      deps.db,
      src,
      grants.map((g) => g.agentId),
      deps.now(),
      !fetch.agents,
    );
    const customer = await customerNames(
      deps.db,
      src,
      grants.map((g) => g.customerId),
      deps.now(),
      !fetch.customers,
    );
    return grants.map((g) => {
      const status = statuses.get(refKey(g.ticket));
      return {
        grantId: g.id,
        helpdesk: g.ticket.helpdesk,
        account: g.ticket.account,
        ticketId: g.ticket.id,
        agentId: g.agentId,
        agentName: agent(g.agentId),
        customerId: g.customerId,
        customerName: customer(g.customerId),
        amount: g.amount.amount,
        currency: g.amount.currency,
        reason: g.reason,
        at: g.at,
        solved: status === undefined ? null : status === 'solved' || status === 'closed',
      };
    });
  }

  /** Who may decide requests on this account: the policy's approvers, by id or by a known agent's email. */
  const approversOf = async (account: string) => {
    const [policy, agents, row] = await Promise.all([
      deps.loadPolicy(),
      accountAgents(deps.db, account),
      getAccount(deps.db, account),
    ]);
    return approverCheck(policy, row?.me ? [...agents, row.me] : agents);
  };

  /** The period's suspect notes the ledger scans kept, named from the cache, each with its ticket's address. */
  async function suspectsOfPeriod(src: AccountSource, start: number, end: number): Promise<SuspectItem[]> {
    const found = await suspectsIn(deps.db, src.account, start, end);
    const name = await agentNames(
      deps.db,
      src,
      found.flatMap((s) => (s.namedAgent === null ? [] : [s.namedAgent])),
      deps.now(),
      true,
    );
    return found.map((s) => ({
      ...s,
      url: ticketAddress(s.ticket),
      namedName: s.namedAgent === null ? null : name(s.namedAgent),
    }));
  }

  async function queueOf(src: AccountSource, start: number): Promise<QueueItem[]> {
    const read = await taggedWithEntries(src, APPROVAL_TAG, start, deps.now());
    const isApprover = await approversOf(src.account);
    const pending = read.flatMap((t) =>
      pendingRequests(t.entries, { requesterId: t.requesterId, isApprover }),
    );
    const agent = await agentNames(
      deps.db,
      src,
      pending.map((p) => p.agentId),
      deps.now(),
    );
    const customer = await customerNames(
      deps.db,
      src,
      pending.map((p) => p.customerId),
      deps.now(),
    );
    return pending.map((p) => ({ ...p, agentName: agent(p.agentId), customerName: customer(p.customerId) }));
  }

  async function load(port: ReviewPort, choice: PeriodChoice) {
    const started = deps.now();
    const policy = await deps.loadPolicy();
    if ('error' in policy) return port.postMessage({ type: 'failed', message: policy.error });
    const bounds = choiceBounds(choice, started, policy.policy);
    const accounts = await deps.accounts();
    if (accounts.length === 0)
      return port.postMessage({
        type: 'failed',
        message: 'Open a helpdesk tab (or add an API key in the options) to load the team’s credits.',
      });
    const base = {
      type: 'loaded' as const,
      start: bounds.start,
      end: bounds.end,
      timeZone: policy.policy.timeZone,
    };
    const statuses = new Map<string, Case['status']>();
    /** The period as stored now, before the counts and the queue are in. */
    const partial = async (names: NameFetch) => {
      const rows: ReviewRow[] = [];
      for (const account of accounts)
        rows.push(
          ...(await rowsOf(
            source(account),
            await periodGrants(deps.db, account.account, bounds),
            statuses,
            names,
          )),
        );
      return {
        ...base,
        partial: true,
        rows,
        counts: [],
        queue: [],
        suspects: [],
        errors: [],
        tickets: 0,
        read: 0,
        missed: 0,
        ms: deps.now() - started,
      } satisfies BackgroundToReview;
    };
    // What this browser holds already shows at once, named from the cache alone.
    const first = await partial({ agents: false, customers: false });
    if (first.rows.length > 0) port.postMessage(first);
    let shownAt = deps.now();

    const rows: ReviewRow[] = [];
    const counts: SolvedCount[] = [];
    const queue: QueueItem[] = [];
    const suspects: SuspectItem[] = [];
    const errors: string[] = [];
    const totals = { tickets: 0, read: 0, missed: 0 };
    for (const account of accounts) {
      const src = source(account);
      try {
        const rebuilt = await rebuildGrants(deps.db, src, bounds, started, {
          progress: (done, of) =>
            port.postMessage({ type: 'progress', loaded: totals.read + done, of: totals.read + of }),
          // The rows grow as chunks are merged, every PARTIAL_MS at most: each post renders the whole page.
          merged: async (done, of, tickets) => {
            if (done === of || deps.now() - shownAt < PARTIAL_MS) return;
            for (const c of tickets) statuses.set(refKey(c.ref), c.status);
            port.postMessage(await partial({ agents: true, customers: false }));
            shownAt = deps.now();
          },
        });
        totals.tickets += rebuilt.tickets.length;
        totals.read += rebuilt.read;
        totals.missed += rebuilt.missed;
        for (const c of rebuilt.tickets) statuses.set(refKey(c.ref), c.status);
        const own = await rowsOf(
          src,
          await periodGrants(deps.db, account.account, bounds),
          statuses,
          ALL_NAMES,
        );
        rows.push(...own);
        counts.push(
          ...(await solvedCounts(
            src,
            own.map((r) => r.agentId),
            bounds,
          )),
        );
        queue.push(...(await queueOf(src, Math.min(bounds.start, started - QUEUE_DAYS * DAY_MS))));
        suspects.push(...(await suspectsOfPeriod(src, bounds.start, bounds.end)));
      } catch (error) {
        errors.push(`${account.account}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    port.postMessage({
      ...base,
      partial: false,
      rows,
      counts,
      queue,
      suspects,
      errors,
      ...totals,
      ms: deps.now() - started,
    } satisfies BackgroundToReview);
  }

  async function conversation(port: ReviewPort, ticket: TicketRef) {
    try {
      const src = source(ticket);
      const entries = await src.adapter.entries(src.client, ticket);
      const name = await agentNames(
        deps.db,
        src,
        entries.flatMap((e) => (e.authorId !== null && !e.fromCustomer ? [e.authorId] : [])),
        deps.now(),
      );
      const lines = entries.map((e) => ({
        author: e.fromCustomer ? 'Customer' : e.authorId === null ? 'System' : name(e.authorId),
        public: e.public,
        fromCustomer: e.fromCustomer,
        text: readableText(e),
        at: e.createdAt,
      }));
      port.postMessage({ type: 'conversation', ticketId: ticket.id, lines, error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ type: 'conversation', ticketId: ticket.id, lines: [], error: message });
    }
  }

  const failure = (error: unknown) => ({
    ok: false,
    message: error instanceof Error ? error.message : String(error),
  });

  async function handle(port: ReviewPort, message: ReviewToBackground) {
    switch (message.type) {
      case 'load':
        return load(port, message.choice).catch((error) =>
          port.postMessage({ type: 'failed', message: failure(error).message }),
        );
      case 'approve':
      case 'decline': {
        const result = await decisions
          .decide(
            message.requestId,
            message.ticket,
            message.type,
            message.type === 'decline' ? message.reason : null,
          )
          .catch(failure);
        return port.postMessage({ type: 'decided', requestId: message.requestId, ...result });
      }
      case 'conversation':
        return conversation(port, message.ticket);
      case 'coach': {
        const result = await decisions.coach(message.ticket, message.grantId, message.text).catch(failure);
        return port.postMessage({ type: 'coached', grantId: message.grantId, ...result });
      }
    }
  }

  return {
    /** A review page connected (its sender was checked by the router). */
    connect(port: ReviewPort) {
      let open = true;
      port.onDisconnect.addListener(() => {
        open = false;
      });
      const safe: ReviewPort = {
        ...port,
        postMessage(message) {
          if (!open) return;
          try {
            port.postMessage(message);
          } catch {
            open = false;
          }
        },
      };
      port.onMessage.addListener((raw) => {
        const parsed = ReviewToBackground.safeParse(raw);
        if (parsed.success) void handle(safe, parsed.data);
      });
    },
    load,
    decide: decisions.decide,
  };
}

export type ReviewRuntime = ReturnType<typeof createReviewRuntime>;
