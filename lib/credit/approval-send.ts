import { getApproval, putApproval } from '../db/approval-queries';
import { deleteOutboxRow, outboxRow, postpone, putOutboxRow } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { inApprovalsAndOutbox } from '../db/transactions';
import type { ApprovalRecord } from '../domain/approval-record';
import { trustedMarkers } from '../domain/marker-trust';
import type { ApprovalRequestMarker } from '../domain/markers';
import type { Entry } from '../domain/model';
import { approvalRequestNoteText } from '../domain/note-text';
import { APPROVAL_TAG } from '../domain/tags';
import type { CreditServiceDeps } from './deps';
import { classifyFailure } from './failure';
import { submitApprovalToGateway } from './gateway-approval';
import { GATEWAY_APPROVAL_KIND } from './outbox';

type Claim = { record: ApprovalRecord; resend: boolean } | null;

/** queued → writing before the note goes out; a request found `writing` is a re-send (see commit.ts). */
function claim(deps: CreditServiceDeps, row: OutboxRow): Promise<Claim> {
  const { db } = deps;
  return inApprovalsAndOutbox(db, async (): Promise<Claim> => {
    if ((await outboxRow(db, row.id)) === undefined) return null;
    const record = await getApproval(db, row.caseKey, row.id);
    if (record === null || (record.state !== 'queued' && record.state !== 'writing')) {
      await deleteOutboxRow(db, row.id);
      return null;
    }
    if (record.state === 'queued') await putApproval(db, { ...record, state: 'writing' });
    return { record, resend: record.state === 'writing' };
  });
}

const markerOf = (r: ApprovalRecord): ApprovalRequestMarker => ({
  kind: 'approval-request',
  id: r.id,
  amount: r.amount.amount,
  currency: r.amount.currency,
  agent: r.agentId,
  customer: r.customerId,
  reason: r.reason,
});

/** Our own request note, as the trust rule reads it (a forged one with the same id does not stop the send). */
const hasRequestNote = (entries: readonly Entry[], r: ApprovalRecord): boolean =>
  trustedMarkers(entries, { requesterId: r.customerId }).some(
    ({ marker }) => marker.kind === 'approval-request' && marker.id === r.id,
  );

/** `gateway`: the request is sent; its row stays, as the credit gateway's to be told (gateway-approval.ts). */
async function finish(
  deps: CreditServiceDeps,
  record: ApprovalRecord,
  end: Partial<ApprovalRecord>,
  gateway = false,
) {
  const { db } = deps;
  await inApprovalsAndOutbox(db, async () => {
    const { error: _previous, ...rest } = record;
    await putApproval(db, { ...rest, ...end });
    const row = gateway ? await outboxRow(db, record.id) : undefined;
    if (row === undefined) await deleteOutboxRow(db, record.id);
    else
      await putOutboxRow(db, {
        ...row,
        kind: GATEWAY_APPROVAL_KIND,
        attempts: 0,
        lastError: null,
        nextAttemptAt: deps.now(),
      });
  });
  deps.changed(record.ticket);
}

/**
 * Sends one approval request: a private note with the `approval-request` marker,
 * then the tag approvers' views filter on. Tracked like a grant: idempotent by
 * request id, a marker check before any re-send, backoff on transient failures.
 */
export async function sendApprovalRequest(deps: CreditServiceDeps, row: OutboxRow): Promise<void> {
  const claimed = await claim(deps, row);
  if (claimed === null) return;
  const { record, resend } = claimed;
  deps.changed(record.ticket);
  const adapter = deps.adapterFor(record.ticket.helpdesk);
  const client = deps.client(record.ticket, 'background');
  try {
    if (!resend || !hasRequestNote(await adapter.entries(client, record.ticket), record)) {
      await adapter.addPrivateNote(
        client,
        record.ticket,
        approvalRequestNoteText(markerOf(record), record.agentName),
      );
    }
    await adapter.addTag(client, record.ticket, APPROVAL_TAG);
    const gateway = (await deps.loadPolicy(record.ticket.account)).gateway !== undefined;
    await finish(deps, record, { state: 'sent' }, gateway);
    const row = gateway ? await outboxRow(deps.db, record.id) : undefined;
    if (row !== undefined) await submitApprovalToGateway(deps, row);
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.permanent) {
      await finish(deps, record, { state: 'failed', error: failure.message });
      return;
    }
    await inApprovalsAndOutbox(deps.db, async () => {
      await putApproval(deps.db, { ...record, state: 'writing', error: failure.message });
      await postpone(deps.db, record.id, deps.now(), failure.message);
    });
    deps.changed(record.ticket);
  }
}
