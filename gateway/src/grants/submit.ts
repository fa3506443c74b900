import { periodBounds } from '../../../lib/credit/period';
import { tierFor } from '../../../lib/credit/policy';
import type { CreditMarker } from '../../../lib/domain/markers';
import type { AuthorityPolicy } from '../../../lib/domain/policy';
import type { GrantSubmission, GrantVerdict } from '../../../lib/gateway/protocol';
import type { TicketContext } from '../../../lib/helpdesks/adapter';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { accountOf, policyNamesEmails, policyOf, ticketRef } from '../accounts/account';
import type { AccountConfig } from '../config';
import type { GatewayDeps } from '../deps';
import { executeOnce } from './execute';
import { findCreditNote, isRefusal } from './find-note';
import {
  acceptedVerdict,
  type GrantRecord,
  insertGrant,
  lockAgent,
  readGrant,
  readRefusal,
  storeRefusal,
  usedIn,
} from './ledger';
import { authorityOf, overLimit } from './limits';
import { type Refusal, refusal, refusedVerdict } from './refusal';

interface Read {
  context: TicketContext;
  entries: Awaited<ReturnType<ReturnType<typeof adapterFor>['entries']>>;
}

/** The ticket and its thread, read with the gateway's own credentials; null when there is no such ticket. */
async function readTicket(deps: GatewayDeps, account: AccountConfig, ticket: string): Promise<Read | null> {
  const adapter = adapterFor(account.kind);
  const client = deps.helpdesk(account);
  const ref = ticketRef(account, ticket);
  try {
    const [context, entries] = await Promise.all([adapter.ticket(client, ref), adapter.entries(client, ref)]);
    return { context, entries };
  } catch (error) {
    if (error instanceof HelpdeskError && error.kind === 'not-found') return null;
    throw error;
  }
}

async function agentEmail(
  deps: GatewayDeps,
  account: AccountConfig,
  policy: AuthorityPolicy,
  agentId: string,
): Promise<string | null> {
  if (!policyNamesEmails(policy)) return null;
  const [agent] = await adapterFor(account.kind).agents(deps.helpdesk(account), account.account, [agentId]);
  return agent?.email ?? null;
}

/** An approver's grant of a request counts only when the gateway holds that very approval. */
async function approvalHolds(
  deps: GatewayDeps,
  account: AccountConfig,
  ticket: string,
  marker: CreditMarker,
): Promise<boolean> {
  if (marker.request === undefined) return true;
  const approval = await deps.approvals.approvedFor(account.account, marker.request);
  return (
    approval !== null &&
    approval.decision === 'approve' &&
    approval.decidedBy === marker.agent &&
    approval.ticket === ticket &&
    approval.customerId === marker.customer &&
    approval.amount === marker.amount &&
    approval.currency === marker.currency
  );
}

type Judged = { refusal: Refusal } | { grant: GrantRecord };

/**
 * Counts and records in ONE transaction under the agent's row lock: two browsers, two tabs
 * or two gateways on one server cannot both see room for the last of a budget.
 */
async function countAndRecord(
  deps: GatewayDeps,
  policy: AuthorityPolicy,
  tier: NonNullable<ReturnType<typeof tierFor>>,
  grant: GrantRecord,
): Promise<Judged | { existing: GrantVerdict }> {
  return deps.store.transaction(async (tx) => {
    await lockAgent(tx, grant.account, grant.agentId);
    const existing = await readGrant(tx, grant.grantId);
    if (existing) {
      if (existing.grant.account === grant.account && existing.grant.ticket === grant.ticket)
        return { existing: acceptedVerdict(existing.grant, existing.execution) };
      return {
        refusal: refusal(
          'note-not-found',
          { agentId: grant.agentId, amount: grant.amount },
          'This grant id is already recorded on another ticket.',
        ),
      };
    }
    if (grant.requestId !== null) {
      const { rows } = await tx.query('SELECT 1 FROM grants WHERE account = $1 AND request_id = $2', [
        grant.account,
        grant.requestId,
      ]);
      if (rows.length > 0)
        return {
          refusal: refusal(
            'request-not-approved',
            { agentId: grant.agentId, amount: grant.amount },
            'This approval request has already been granted.',
          ),
        };
    }
    const bounds = { start: Date.parse(grant.period.start), end: Date.parse(grant.period.end) };
    const { used, customerUsed } = await usedIn(
      tx,
      grant.account,
      grant.agentId,
      grant.period,
      grant.customerId,
    );
    const over = overLimit(authorityOf(policy, tier, bounds, used, customerUsed ?? 0), grant.amount);
    if (over)
      return { refusal: refusal(over.code, { agentId: grant.agentId, amount: grant.amount }, over.message) };
    await insertGrant(tx, grant);
    return { grant };
  });
}

/**
 * `POST /v1/grants`: believes nothing the caller says. Reads the note and the ticket, checks
 * who wrote it and for whom, counts the agent's grants of the period (the gateway's clock),
 * stores the verdict, and executes an accepted grant once. The same grant id on the same
 * ticket always answers the same verdict.
 */
export async function submitGrant(deps: GatewayDeps, submission: GrantSubmission): Promise<GrantVerdict> {
  const { grantId, ticket } = submission;
  const account = accountOf(deps.config, submission.account);
  // Not stored: the gateway keeps no ledger for accounts it does not serve.
  if (!account) return refusedVerdict(grantId, refusal('unknown-account'));
  const log = deps.logger.child({ grantId, account: account.account, ticket });

  const recorded = await readGrant(deps.store, grantId);
  const stored =
    recorded?.grant.account === account.account && recorded.grant.ticket === ticket ? recorded : null;
  if (stored) {
    if (stored.execution !== null || !account.executor)
      return acceptedVerdict(stored.grant, stored.execution);
  } else {
    const refused = await readRefusal(deps.store, grantId, account.account, ticket);
    if (refused) return refusedVerdict(grantId, refused);
  }

  const policy = policyOf(account);
  // Not stored either: once the administrator fixes the policy, the same grant is judged afresh.
  if ('error' in policy)
    return refusedVerdict(grantId, refusal('policy-invalid', {}, `Credits are off: ${policy.error}.`));

  const now = deps.now();
  const refuse = async (r: Refusal): Promise<GrantVerdict> => {
    await storeRefusal(
      deps.store,
      { grantId, account: account.account, ticket, now: new Date(now).toISOString() },
      r,
    );
    log.info({ code: r.code, agentId: r.agentId, amount: r.amount }, 'grant refused');
    return refusedVerdict(grantId, (await readRefusal(deps.store, grantId, account.account, ticket)) ?? r);
  };

  const read = await readTicket(deps, account, ticket);
  if (!read) return refuse(refusal('note-not-found'));
  const requester = read.context.requester;
  const found = findCreditNote(read.entries, grantId, requester.id);
  if (isRefusal(found)) return refuse(found);
  const { marker, entry } = found;
  const customer = { id: requester.id, email: requester.email, name: requester.name };

  if (stored) return executeOnce(deps, account, stored.grant, customer, log);

  const claimed = { agentId: marker.agent, amount: marker.amount };
  if (marker.currency !== policy.policy.currency) return refuse(refusal('currency', claimed));
  const email = await agentEmail(deps, account, policy.policy, marker.agent);
  const tier = tierFor(policy.policy, { id: marker.agent, email });
  if (!tier) return refuse(refusal('no-tier', claimed));
  if (!(await approvalHolds(deps, account, ticket, marker)))
    return refuse(refusal('request-not-approved', claimed));

  const bounds = periodBounds(now, policy.policy.period, policy.policy.timeZone);
  const grant: GrantRecord = {
    grantId,
    account: account.account,
    ticket,
    agentId: marker.agent,
    customerId: marker.customer,
    amount: marker.amount,
    currency: marker.currency,
    reason: marker.reason,
    requestId: marker.request ?? null,
    noteId: entry.id,
    notedAt: entry.createdAt,
    period: { start: new Date(bounds.start).toISOString(), end: new Date(bounds.end).toISOString() },
    checkedAt: new Date(now).toISOString(),
  };
  const judged = await countAndRecord(deps, policy.policy, tier, grant);
  if ('existing' in judged) return judged.existing;
  if ('refusal' in judged) return refuse(judged.refusal);
  log.info({ agentId: grant.agentId, amount: grant.amount, currency: grant.currency }, 'grant accepted');
  return executeOnce(deps, account, grant, customer, log);
}
