import { getApproval, putApproval, ticketApprovals } from '../db/approval-queries';
import { agentGrantsSince, caseGrants, getGrant } from '../db/grant-queries';
import { allCaseRows, putOutboxRow } from '../db/outbox-queries';
import { accountAgents, getEntries } from '../db/queries';
import { inApprovalsAndOutbox } from '../db/transactions';
import { ApprovalRecord } from '../domain/approval-record';
import type { ApprovalCommand, CommandResult, GrantCommand } from '../domain/command';
import { CreditGrant } from '../domain/credit-grant';
import type { CreditBlock } from '../domain/credit-off';
import type { Agent, Case, Entry } from '../domain/model';
import type { AuthorityView, CreditView } from '../domain/snapshot';
import { type HelpdeskKind, refKey, type TicketRef } from '../domain/ticket-ref';
import { fetchGatewayAuthority } from '../gateway/client';
import { approverCheck } from './approver-check';
import { computeAuthority } from './authority';
import { buildCreditView, toApprovalViews, toAuthorityView, toGrantViews } from './credit-view';
import type { CreditServiceDeps } from './deps';
import { drainOutbox } from './drain';
import { currencyBlock, gateFor } from './gate';
import { gatewayCount, stricterAuthority } from './gateway-meter';
import { confirmIdentity } from './identity';
import { refreshLedger } from './ledger-sync';
import { APPROVAL_KIND, BILLING_KIND, GATEWAY_KIND, GRANT_KIND, GrantPayload } from './outbox';
import { periodBounds } from './period';
import { markConfirmed, reserveGrant, undoGrant } from './reserve';
import { recordTicketGrants } from './ticket-grants';
import { cachedTicketRefusal } from './writable';

export type { CreditServiceDeps } from './deps';

export const UNKNOWN_CUSTOMER = 'Credits are off until this ticket’s customer is known.';
const WRONG_ACCOUNT = 'This ticket is on another helpdesk account than the one you are signed in to.';
const NEEDS_KEY = 'Add your helpdesk API key first: credits are recorded with it.';
const INVALID = 'This credit is not valid: check the amount and the reason.';

/** The agent, only when signed in to the ticket's own account (ids are per account). */
const meOn = (ticket: TicketRef, me: Agent | null): Agent | null =>
  me !== null && me.account === ticket.account && me.helpdesk === ticket.helpdesk ? me : null;

const lockName = (account: string, agentId: string): string => `frontline-credit:${account}:${agentId}`;

/** A recorded grant whose billing row still waits says so, with the last attempt's reason. */
const billingPending = (lastError: string | null): string =>
  lastError === null ? 'Billing not told yet; sending.' : `Billing not told yet: ${lastError}`;

/** A recorded grant the credit gateway has not answered for yet says so. */
const gatewayPending = (lastError: string | null): string =>
  lastError === null
    ? 'Sent to the credit gateway; waiting for its answer.'
    : `Not checked by the credit gateway yet: ${lastError}`;

/**
 * The credit engine behind the sidebar's grant, undo and approval commands.
 * Every command re-checks policy and limits here: the sidebar is never trusted.
 */
export function createCreditService(deps: CreditServiceDeps) {
  const { db } = deps;

  async function view(ticket: TicketRef, me: Agent | null, customerId: string | null): Promise<CreditView> {
    const caseKey = refKey(ticket);
    const [policy, grants, outboxRows, records, entries, needsCredentials, refusal, agents] =
      await Promise.all([
        deps.loadPolicy(ticket.account),
        caseGrants(db, caseKey),
        allCaseRows(db, caseKey),
        ticketApprovals(db, ticket),
        getEntries(db, ticket),
        deps.needsCredentials(ticket),
        cachedTicketRefusal(db, ticket),
        accountAgents(db, ticket.account),
      ]);
    const now = deps.now();
    const billing = new Map(
      outboxRows.filter((row) => row.kind === BILLING_KIND).map((row) => [row.id, row.lastError] as const),
    );
    const submitting = new Map(
      outboxRows.filter((row) => row.kind === GATEWAY_KIND).map((row) => [row.id, row.lastError] as const),
    );
    // A recorded grant keeps its grant row until its index is written (commit.ts).
    const indexing = new Set(outboxRows.filter((row) => row.kind === GRANT_KIND).map((row) => row.id));
    const undoUntil = new Map(
      outboxRows.flatMap((row) => {
        const payload = GrantPayload.safeParse(row.payload);
        return payload.success ? [[row.id, payload.data.undoUntil] as const] : [];
      }),
    );
    const gate = gateFor(policy, meOn(ticket, me));
    let blocked: CreditBlock | null = null;
    let authority: AuthorityView | null = null;
    if (gate.open && me !== null) {
      const { start } = periodBounds(now, gate.policy.period, gate.policy.timeZone);
      const ledger = await agentGrantsSince(db, ticket.account, me.id, start);
      blocked =
        refusal ??
        (customerId === null
          ? { english: UNKNOWN_CUSTOMER, off: { why: 'unknown-customer' } }
          : currencyBlock(gate.policy, ledger));
      if (customerId !== null) {
        const notes = computeAuthority({
          policy: gate.policy,
          tier: gate.tier,
          account: ticket.account,
          agentId: me.id,
          customerId,
          grants: ledger,
          now,
        });
        const url = 'policy' in policy ? policy.gateway?.url : undefined;
        const agentId = me.id;
        const computed =
          url === undefined
            ? notes
            : stricterAuthority(
                notes,
                await gatewayCount(() =>
                  fetchGatewayAuthority(deps.fetch, url, ticket.account, agentId, customerId),
                ),
              );
        authority = toAuthorityView({ ...computed, tierName: gate.tier.name });
      }
    }
    const built = buildCreditView({
      gate,
      blocked,
      authority,
      grants: toGrantViews(grants, undoUntil, now).map((g) => {
        if (g.state !== 'recorded') return g;
        if (indexing.has(g.id)) return { ...g, indexing: true };
        const waiting = submitting.get(g.id);
        // An `accepted` grant asking again already says so (credit-view.ts CREDIT_PENDING).
        if (waiting !== undefined && g.error === null) return { ...g, error: gatewayPending(waiting) };
        return billing.has(g.id) ? { ...g, error: billingPending(billing.get(g.id) ?? null) } : g;
      }),
      approvals: toApprovalViews(records, entries ?? [], {
        requesterId: customerId,
        isApprover: approverCheck(policy, agents),
      }),
      needsCredentials,
    });
    // The rep is told whether these limits are enforced anywhere but in this browser.
    return built.policy === null
      ? built
      : {
          ...built,
          policy: { ...built.policy, enforced: 'policy' in policy && policy.gateway !== undefined },
        };
  }

  /**
   * The caller's `me` is what this browser remembers; the helpdesk's answer
   * wins, so a grant after another agent signed in goes out under them.
   */
  async function signedIn(ticket: TicketRef, remembered: Agent): Promise<Agent | CommandResult> {
    if (meOn(ticket, remembered) === null) return { ok: false, message: WRONG_ACCOUNT };
    const identity = await confirmIdentity(deps, ticket, deps.client(ticket, 'view'));
    return identity.ok ? identity.me : { ok: false, message: identity.message };
  }

  /**
   * A grant is reserved under the agent this browser remembers (refreshed on every view)
   * while the helpdesk is asked who is signed in: the undo window, in which nothing is
   * written, covers that round trip instead of the rep waiting for it. An answer naming
   * someone else, or nobody, takes the reservation back before anything was written.
   */
  async function grant(cmd: GrantCommand, remembered: Agent, customerId: string): Promise<CommandResult> {
    if (meOn(cmd.ticket, remembered) === null) return { ok: false, message: WRONG_ACCOUNT };
    const identity = confirmIdentity(deps, cmd.ticket, deps.client(cmd.ticket, 'view'));
    const reserved = await reserve(cmd, remembered, customerId).catch(async (error: unknown) => {
      await identity;
      throw error;
    });
    const confirmed = await identity;
    if (confirmed.ok && confirmed.me.id === remembered.id) {
      if (reserved.created) await markConfirmed(db, cmd.grantId);
      return reserved.result;
    }
    if (reserved.created) {
      await undoGrant(db, cmd.grantId, deps.now());
      deps.changed(cmd.ticket);
    }
    return {
      ok: false,
      message: confirmed.ok
        ? `You are signed in as ${confirmed.me.name} now: check the limits shown and grant again.`
        : confirmed.message,
    };
  }

  async function reserve(
    cmd: GrantCommand,
    me: Agent,
    customerId: string,
  ): Promise<{ result: CommandResult; created: boolean }> {
    const refuse = (message: string) => ({ result: { ok: false, message } as const, created: false });
    // The same click again (double click, a resend after a lost answer): already reserved once.
    if ((await getGrant(db, cmd.grantId)) !== undefined) return { result: { ok: true }, created: false };
    const refused = await cachedTicketRefusal(db, cmd.ticket);
    if (refused !== null) return refuse(refused.english);
    const gate = gateFor(await deps.loadPolicy(cmd.ticket.account), me);
    if (!gate.open) return refuse(gate.reason);
    if (await deps.needsCredentials(cmd.ticket)) return refuse(NEEDS_KEY);
    const parsed = CreditGrant.safeParse({
      id: cmd.grantId,
      ticket: cmd.ticket,
      customerId,
      agentId: me.id,
      amount: { amount: cmd.amount, currency: gate.policy.currency },
      reason: cmd.reason.trim(),
      at: new Date(deps.now()).toISOString(),
      state: 'pending',
    });
    if (!parsed.success) return refuse(INVALID);
    const result = await deps.withLock(lockName(cmd.ticket.account, me.id), () =>
      reserveGrant(db, {
        grant: parsed.data,
        policy: gate.policy,
        tier: gate.tier,
        agentName: me.name,
        request: cmd.request,
        now: deps.now(),
      }),
    );
    if (!result.ok) return { result, created: false };
    if (result.created) deps.changed(cmd.ticket);
    return { result: { ok: true }, created: result.created };
  }

  async function undo(grantId: string): Promise<CommandResult> {
    const result = await undoGrant(db, grantId, deps.now());
    const row = await getGrant(db, grantId);
    if (result.ok && row !== undefined) deps.changed(row.grant.ticket);
    return result;
  }

  async function requestApproval(
    cmd: ApprovalCommand,
    remembered: Agent,
    customerId: string,
  ): Promise<CommandResult> {
    const me = await signedIn(cmd.ticket, remembered);
    if ('ok' in me) return me;
    if ((await getApproval(db, refKey(cmd.ticket), cmd.requestId)) !== null) return { ok: true };
    const refused = await cachedTicketRefusal(db, cmd.ticket);
    if (refused !== null) return { ok: false, message: refused.english };
    // No tier is needed to ask (a rep without authority asks too), but a valid policy is.
    const policy = await deps.loadPolicy(cmd.ticket.account);
    if ('error' in policy) return { ok: false, message: policy.error };
    if (await deps.needsCredentials(cmd.ticket)) return { ok: false, message: NEEDS_KEY };
    const now = deps.now();
    const record = ApprovalRecord.safeParse({
      id: cmd.requestId,
      ticket: cmd.ticket,
      agentId: me.id,
      agentName: me.name,
      customerId,
      amount: { amount: cmd.amount, currency: policy.policy.currency },
      reason: cmd.reason.trim(),
      at: new Date(now).toISOString(),
      state: 'queued',
    });
    if (!record.success || record.data.amount.amount <= 0) return { ok: false, message: INVALID };
    await inApprovalsAndOutbox(db, async () => {
      await putApproval(db, record.data);
      await putOutboxRow(db, {
        id: cmd.requestId,
        kind: APPROVAL_KIND,
        caseKey: refKey(cmd.ticket),
        payload: null,
        createdAt: now,
        nextAttemptAt: now,
        attempts: 0,
        lastError: null,
      });
    });
    deps.changed(cmd.ticket);
    return { ok: true };
  }

  return {
    view,
    /** Rebuild this period's ledger from the helpdesk (search + markers), merged with local grants by id. */
    refreshLedger: (account: string, helpdesk: HelpdeskKind) => refreshLedger(deps, account, helpdesk),
    /** The grants a read of this ticket's thread proves, whoever made them (ticket-grants.ts). */
    notesRead: (ticket: Pick<Case, 'ref' | 'requesterId'>, entries: readonly Entry[]) =>
      recordTicketGrants(deps, ticket, entries),
    grant,
    /** Within the undo window only; afterwards `{ ok: false }` says it is too late. */
    undo,
    requestApproval,
    /**
     * Work the outbox: commit grants whose undo window passed, send approval
     * requests, retry transient failures with backoff. Call on worker start, on
     * an alarm, and after each command; returns when the next item falls due
     * (epoch ms: set a timer or alarm for it) or null.
     */
    drain: () => drainOutbox(deps),
  };
}

export type CreditService = ReturnType<typeof createCreditService>;
