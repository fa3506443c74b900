import { APPROVAL_TAG } from '../credit/approval-send';
import type { AccountRef } from '../credit/deps';
import { isApprover, type PolicyResult } from '../credit/policy';
import type { CommandResult, GrantCommand } from '../credit/service';
import { accountAgents, getAccount, getCustomer, putAgents } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import type { CreditGrant } from '../domain/credit-grant';
import type { Agent, Case, Entry } from '../domain/model';
import { noteWithMarker } from '../domain/note-text';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { type PendingRequest, pendingRequests } from './approval-queue';
import { decisionNoteText } from './decision-note';
import { choiceBounds, type PeriodChoice } from './period-choice';
import { type BackgroundToReview, type QueueItem, ReviewToBackground } from './protocol';
import { type AccountSource, periodGrants, rebuildGrants, taggedWithEntries } from './rebuild';
import type { ReviewRow } from './review-row';
import { cachedSolved, casesOf, isSolved } from './solved';
import type { SolvedCase } from './stats';

/** Pending requests are looked for this far back whatever period is shown. */
const QUEUE_DAYS = 30;
const DAY_MS = 86_400_000;
const GRANT_OF_REQUEST = 'review-approval-grant:';

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
  /** Work the credit outbox now (the grant commits after its undo window). */
  drain(): void;
  /** A ticket's notes changed: re-publish its sidebar. */
  changed(ticket: TicketRef): void;
  newId(): string;
}

const NOT_APPROVER = 'Only the policy’s approvers can decide requests.';
const GONE = 'This request was already decided, or it is no longer found.';

/** Names for agent ids, from the cache; ids it does not know are asked of the helpdesk once. */
async function agentNames(deps: ReviewDeps, source: AccountSource, ids: readonly string[]) {
  const known = new Map((await accountAgents(deps.db, source.account)).map((a) => [a.id, a.name]));
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length > 0) {
    try {
      const fetched = await source.adapter.agents(source.client, source.account, missing);
      await putAgents(deps.db, fetched, deps.now());
      for (const agent of fetched) known.set(agent.id, agent.name);
    } catch {
      // Names are a nicety: the ids still show.
    }
  }
  return (id: string) => known.get(id) ?? `Agent ${id}`;
}

async function customerName(deps: ReviewDeps, account: string, id: string): Promise<string> {
  return (await getCustomer(deps.db, account, id))?.name ?? `Customer ${id}`;
}

/**
 * The manager review in the worker: rebuilds a period's grants from every
 * reachable account, finds the pending approval requests, and decides them.
 * Only our review page reaches this (the router checks the port's sender).
 */
export function createReviewRuntime(deps: ReviewDeps) {
  const source = (account: AccountRef): AccountSource => ({
    ...account,
    adapter: deps.adapterFor(account.helpdesk),
    client: deps.client(account, 'view'),
  });

  async function rowsOf(src: AccountSource, grants: CreditGrant[]): Promise<ReviewRow[]> {
    const name = await agentNames(
      deps,
      src,
      grants.map((g) => g.agentId),
    );
    const customers = new Map<string, string>();
    const cases = await casesOf(
      deps.db,
      src,
      grants.map((g) => g.ticket),
      deps.now(),
    ).catch(() => new Map<string, Case>());
    const rows: ReviewRow[] = [];
    for (const g of grants) {
      if (!customers.has(g.customerId))
        customers.set(g.customerId, await customerName(deps, src.account, g.customerId));
      const known = cases.get(refKey(g.ticket));
      rows.push({
        grantId: g.id,
        helpdesk: g.ticket.helpdesk,
        account: g.ticket.account,
        ticketId: g.ticket.id,
        agentId: g.agentId,
        agentName: name(g.agentId),
        customerId: g.customerId,
        customerName: customers.get(g.customerId) ?? g.customerId,
        amount: g.amount.amount,
        currency: g.amount.currency,
        reason: g.reason,
        at: g.at,
        solved: known === undefined ? null : isSolved(known),
      });
    }
    return rows;
  }

  async function queueOf(src: AccountSource, since: number): Promise<QueueItem[]> {
    const read = await taggedWithEntries(src, APPROVAL_TAG, since, () => undefined);
    const pending = read.flatMap((t) => pendingRequests(t.entries));
    const name = await agentNames(
      deps,
      src,
      pending.map((p) => p.agentId),
    );
    const items: QueueItem[] = [];
    for (const p of pending) {
      items.push({
        ...p,
        agentName: name(p.agentId),
        customerName: await customerName(deps, src.account, p.customerId),
      });
    }
    return items;
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
    const rows: ReviewRow[] = [];
    const items: QueueItem[] = [];
    const errors: string[] = [];
    const solved: SolvedCase[] = [];
    let tickets = 0;
    let before = 0;
    for (const account of accounts) {
      const src = source(account);
      try {
        const rebuilt = await rebuildGrants(deps.db, src, bounds, (done, of) =>
          port.postMessage({ type: 'progress', loaded: before + done, of: before + of }),
        );
        before += rebuilt.tickets;
        tickets += rebuilt.tickets;
        rows.push(...(await rowsOf(src, await periodGrants(deps.db, account.account, bounds))));
        solved.push(...(await cachedSolved(deps.db, account.account, bounds)));
        items.push(...(await queueOf(src, Math.min(bounds.start, started - QUEUE_DAYS * DAY_MS))));
      } catch (error) {
        errors.push(`${account.account}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const message: BackgroundToReview = {
      type: 'loaded',
      start: bounds.start,
      end: bounds.end,
      timeZone: policy.policy.timeZone,
      rows,
      solved,
      queue: items,
      errors,
      tickets,
      ms: deps.now() - started,
    };
    port.postMessage(message);
  }

  /** The approver as this account last told us, if the policy names them an approver. */
  async function approver(ticket: TicketRef): Promise<Agent | string> {
    const policy = await deps.loadPolicy();
    if ('error' in policy) return policy.error;
    const me = (await getAccount(deps.db, ticket.account))?.me;
    if (me == null || me.helpdesk !== ticket.helpdesk) return 'Open this helpdesk in a tab first.';
    return isApprover(policy.policy, me) ? me : NOT_APPROVER;
  }

  /**
   * The request as the ticket's notes show it now, if still pending (another
   * approver may have answered). Read from the helpdesk, never from the page:
   * the page only says where to look.
   */
  async function stillPending(
    requestId: string,
    ticket: TicketRef,
  ): Promise<{ request: PendingRequest; src: AccountSource } | null> {
    const src = source(ticket);
    const entries: Entry[] = await src.adapter.entries(src.client, ticket);
    const request = pendingRequests(entries).find((p) => p.requestId === requestId);
    return request === undefined ? null : { request, src };
  }

  async function decide(
    requestId: string,
    ticket: TicketRef,
    decision: 'approve' | 'decline',
    reason: string | null,
  ) {
    const found = await stillPending(requestId, ticket);
    if (found === null) return { ok: false, message: GONE };
    const { request, src } = found;
    const me = await approver(request.ticket);
    if (typeof me === 'string') return { ok: false, message: me };
    let grantId: string | undefined;
    if (decision === 'approve') {
      // The same request approved again (a lost answer, a second click) reuses its grant id: one grant.
      const key = `${GRANT_OF_REQUEST}${requestId}`;
      const stored = (await deps.db.meta.get(key))?.value;
      grantId = typeof stored === 'string' ? stored : deps.newId();
      await deps.db.meta.put({ key, value: grantId });
      const result = await deps.grant(
        { grantId, ticket: request.ticket, amount: request.amount, reason: request.reason },
        me,
        request.customerId,
      );
      if (!result.ok) return result;
      deps.drain();
    }
    const marker = {
      kind: 'approval-decision' as const,
      request: requestId,
      decision,
      by: me.id,
      grant: grantId,
    };
    await src.adapter.addPrivateNote(
      src.client,
      request.ticket,
      decisionNoteText(marker, {
        approver: me.name,
        amount: request.amount,
        currency: request.currency,
        reason: reason ?? undefined,
      }),
    );
    deps.changed(request.ticket);
    return { ok: true, message: null };
  }

  async function conversation(port: ReviewPort, ticket: TicketRef) {
    try {
      const src = source(ticket);
      const entries = await src.adapter.entries(src.client, ticket);
      const name = await agentNames(
        deps,
        src,
        entries.flatMap((e) => (e.authorId !== null && !e.fromCustomer ? [e.authorId] : [])),
      );
      const lines = entries.map((e) => ({
        author: e.fromCustomer ? 'Customer' : e.authorId === null ? 'System' : name(e.authorId),
        public: e.public,
        fromCustomer: e.fromCustomer,
        text: e.text,
        at: e.createdAt,
      }));
      port.postMessage({ type: 'conversation', ticketId: ticket.id, lines, error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ type: 'conversation', ticketId: ticket.id, lines: [], error: message });
    }
  }

  async function coach(ticket: TicketRef, grantId: string, text: string) {
    const policy = await deps.loadPolicy();
    const me = (await getAccount(deps.db, ticket.account))?.me;
    if ('error' in policy || me == null) return { ok: false, message: 'Open this helpdesk in a tab first.' };
    const src = source(ticket);
    await src.adapter.addPrivateNote(
      src.client,
      ticket,
      noteWithMarker(`Coaching note by ${me.name}: ${text}`, { kind: 'coaching', grant: grantId, by: me.id }),
    );
    deps.changed(ticket);
    return { ok: true, message: null };
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
        const result = await decide(
          message.requestId,
          message.ticket,
          message.type,
          message.type === 'decline' ? message.reason : null,
        ).catch(failure);
        return port.postMessage({ type: 'decided', requestId: message.requestId, ...result });
      }
      case 'conversation':
        return conversation(port, message.ticket);
      case 'coach': {
        const result = await coach(message.ticket, message.grantId, message.text).catch(failure);
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
    decide,
  };
}

export type ReviewRuntime = ReturnType<typeof createReviewRuntime>;
