import { approverCheck } from '../credit/approver-check';
import { healIndexFromNotes } from '../credit/heal-index';
import { inBatches, PARALLEL, searchDays } from '../credit/tagged-grants';
import { accountAgents, getAccount } from '../db/queries';
import type { Entry } from '../domain/model';
import { pendingRequests } from '../domain/review/approval-queue';
import type { QueueItem } from '../domain/review/page-data';
import { APPROVAL_TAG } from '../domain/tags';
import type { TicketRef } from '../domain/ticket-ref';
import { searchAll } from '../helpdesks/search-walk';
import type { ReviewDeps } from './deps';
import { agentNames, customerNames } from './names';
import type { AccountSource } from './source';

/** Tickets of an account tagged `tag` and updated since `since`, each with its entries. */
async function taggedWithEntries(
  source: AccountSource,
  tag: string,
  since: number,
  now: number,
): Promise<{ ticket: TicketRef; requesterId: string; entries: Entry[] }[]> {
  const { cases } = await searchAll(source.adapter, source.client, source.account, {
    tag,
    ...searchDays(since, now),
  });
  return inBatches(cases, PARALLEL, async (c) => {
    const entries = await source.adapter.thread(source.client, c.ref, c.requesterId);
    // A request's ticket may hold a granted credit whose tag was lost: the review would miss it.
    await healIndexFromNotes(source, c, entries);
    return { ticket: c.ref, requesterId: c.requesterId, entries };
  });
}

/** Who may decide requests on this account: the policy's approvers, by id or by a known agent's email. */
async function approversOf(deps: Pick<ReviewDeps, 'db' | 'loadPolicy'>, account: string) {
  const [policy, agents, row] = await Promise.all([
    deps.loadPolicy(),
    accountAgents(deps.db, account),
    getAccount(deps.db, account),
  ]);
  return approverCheck(policy, row?.me ? [...agents, row.me] : agents);
}

/** The account's requests no approver has decided, written since `since`, named. */
export async function queueOf(
  deps: Pick<ReviewDeps, 'db' | 'loadPolicy' | 'now'>,
  src: AccountSource,
  since: number,
): Promise<QueueItem[]> {
  const read = await taggedWithEntries(src, APPROVAL_TAG, since, deps.now());
  const isApprover = await approversOf(deps, src.account);
  const pending = read.flatMap((t) => pendingRequests(t.entries, { requesterId: t.requesterId, isApprover }));
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
