import { judgeEntries, type SuspectReason } from '../../../lib/domain/marker-trust';
import type { AuthorityPolicy } from '../../../lib/domain/policy';
import type { ApprovalSubmission, GatewayApproval } from '../../../lib/gateway/protocol';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { type Client, HelpdeskError } from '../../../lib/helpdesks/http';
import type { HelpdeskKind } from '../../../lib/helpdesks/registry';
import { APPROVAL_COLUMNS, type ApprovalRow, approvalOfRow } from './approval-row';
import { ReviewError } from './errors';
import type { Sql } from './sql';

const WHY: Record<SuspectReason, string> = {
  'author-not-agent': 'the request note was not written by an agent of the account',
  'author-unverified': 'the helpdesk does not confirm who wrote the request note',
  'author-not-named': 'the request note was written by another agent than the one it names',
  'customer-not-requester': "the request's customer is not the ticket's requester",
  'not-approver': 'not an approver',
  'self-approval': 'a self-approval',
  'amount-conflict': 'the amount conflicts with another note',
};

export interface RequestSource {
  kind: HelpdeskKind;
  /** The gateway's own client for the account (gw-core's helpdesk client). */
  client: Client;
  policy: AuthorityPolicy;
}

/**
 * Records an approval request once its note is read from the helpdesk with the gateway's own
 * credentials and believed as a grant's would be (lib/domain/marker-trust: private, by an
 * agent the helpdesk confirms, who is the agent it names, for the ticket's requester). The
 * caller's word is only the ids. The same request sent again answers the stored row.
 */
export async function submitApprovalRequest(
  db: Sql,
  source: RequestSource,
  submission: ApprovalSubmission,
  now: number,
): Promise<GatewayApproval> {
  const known = await db.query<ApprovalRow>(
    `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE account = $1 AND request_id = $2`,
    [submission.account, submission.requestId],
  );
  if (known.rows[0]) return approvalOfRow(known.rows[0]);

  const adapter = adapterFor(source.kind);
  const ref = { helpdesk: source.kind, account: submission.account, id: submission.ticket };
  let judged: ReturnType<typeof judgeEntries>;
  try {
    const [ticket, entries] = await Promise.all([
      adapter.ticket(source.client, ref),
      adapter.entries(source.client, ref),
    ]);
    judged = judgeEntries(entries, { requesterId: ticket.requester.id });
  } catch (e) {
    if (e instanceof HelpdeskError && e.kind === 'not-found') {
      throw new ReviewError(
        422,
        'note-not-found',
        `Ticket ${submission.ticket} was not found on the helpdesk.`,
      );
    }
    if (e instanceof HelpdeskError && e.permanent) {
      throw new ReviewError(422, 'helpdesk-refused', `The helpdesk refused to show the ticket: ${e.message}`);
    }
    throw new ReviewError(
      503,
      'helpdesk-unavailable',
      'The helpdesk could not be read; try again shortly.',
      30,
    );
  }
  const found = judged.find(
    ({ judged: j }) => j.marker.kind === 'approval-request' && j.marker.id === submission.requestId,
  );
  if (!found) {
    throw new ReviewError(422, 'note-not-found', 'No private note on this ticket carries this request id.');
  }
  if (!found.judged.counts) {
    throw new ReviewError(422, 'request-not-trusted', `Not recorded: ${WHY[found.judged.why]}.`);
  }
  const marker = found.judged.marker;
  if (marker.kind !== 'approval-request') throw new Error('unreachable: the find above chose a request');
  if (marker.currency !== source.policy.currency) {
    throw new ReviewError(
      422,
      'currency',
      `The policy's currency is ${source.policy.currency}, not ${marker.currency}.`,
    );
  }
  const inserted = await db.query<ApprovalRow>(
    `INSERT INTO approvals (request_id, account, ticket, agent_id, customer_id, amount, currency, reason, note_id,
                            requested_at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (request_id) DO NOTHING
     RETURNING ${APPROVAL_COLUMNS}`,
    [
      marker.id,
      submission.account,
      submission.ticket,
      marker.agent,
      marker.customer,
      marker.amount,
      marker.currency,
      marker.reason,
      found.entry.id,
      found.entry.createdAt,
      new Date(now).toISOString(),
    ],
  );
  if (inserted.rows[0]) return approvalOfRow(inserted.rows[0]);
  // Two submissions raced: the other one's row is the answer.
  const again = await db.query<ApprovalRow>(
    `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE request_id = $1`,
    [marker.id],
  );
  if (!again.rows[0]) throw new Error('an approval row vanished after a conflicting insert');
  return approvalOfRow(again.rows[0]);
}
