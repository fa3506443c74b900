import { getApproval, putApproval } from '../db/approval-queries';
import { deleteOutboxRow, outboxRow, postpone, putOutboxRow } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { inApprovalsAndOutbox } from '../db/transactions';
import { GatewayRejected, GatewayUnavailable, submitApprovalRequest } from '../gateway/client';
import { IN_FLIGHT_GUARD_MS } from '../transport/in-flight';
import type { CreditServiceDeps } from './deps';
import { GATEWAY_APPROVAL_KIND } from './outbox';

/**
 * Tells the credit gateway of an approval request whose note is in the helpdesk (ids only: the
 * gateway reads the note), so its approvers can decide it there. From the outbox, like a grant's
 * submission: backoff while the gateway is unreachable, the request id makes a re-send the same.
 */
export async function submitApprovalToGateway(deps: CreditServiceDeps, row: OutboxRow): Promise<void> {
  const { db } = deps;
  const record = await inApprovalsAndOutbox(db, async () => {
    const current = await outboxRow(db, row.id);
    if (current?.kind !== GATEWAY_APPROVAL_KIND || current.nextAttemptAt > deps.now()) return null;
    const found = await getApproval(db, row.caseKey, row.id);
    if (found === null) {
      await deleteOutboxRow(db, row.id);
      return null;
    }
    await putOutboxRow(db, { ...current, nextAttemptAt: deps.now() + IN_FLIGHT_GUARD_MS });
    return found;
  });
  if (record === null) return;
  const url = (await deps.loadPolicy(record.ticket.account)).gateway?.url;
  let error: string | undefined;
  try {
    if (url !== undefined) {
      await submitApprovalRequest(deps.fetch, url, {
        account: record.ticket.account,
        ticket: record.ticket.id,
        requestId: record.id,
      });
    }
  } catch (failure) {
    if (failure instanceof GatewayUnavailable) {
      await postpone(db, record.id, deps.now(), `${failure.message}; trying again shortly.`);
      return;
    }
    if (!(failure instanceof GatewayRejected)) throw failure;
    error = `Sent, but the credit gateway did not take it: ${failure.message}. Tell your manager.`;
  }
  await inApprovalsAndOutbox(db, async () => {
    if (error !== undefined) await putApproval(db, { ...record, error });
    await deleteOutboxRow(db, record.id);
  });
  deps.changed(record.ticket);
}
