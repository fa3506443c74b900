import type { GatewayApproval } from '../../../lib/gateway/protocol';
import type { Manager } from '../managers/authenticate';
import { APPROVAL_COLUMNS, type ApprovalRow, approvalOfRow } from './approval-row';
import { ReviewError } from './errors';
import type { SqlStore } from './sql';

/**
 * One decision per request: the request's row is locked, read, checked and updated in one
 * transaction, so two approvers racing each other get one decision and one 409. Only the
 * policy's approvers decide (an administrator reads the review but is not one by office),
 * and never their own request.
 */
export async function decideApproval(
  store: SqlStore,
  manager: Manager,
  requestId: string,
  decision: 'approve' | 'decline',
  now: number,
): Promise<GatewayApproval> {
  if (manager.role !== 'approver') {
    throw new ReviewError(403, 'not-an-approver', `${manager.name} is not one of the policy's approvers.`);
  }
  return store.transaction(async (tx) => {
    const { rows } = await tx.query<ApprovalRow>(
      `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE account = $1 AND request_id = $2 FOR UPDATE`,
      [manager.account, requestId],
    );
    const row = rows[0];
    if (!row) {
      throw new ReviewError(
        404,
        'unknown-request',
        'The gateway holds no such approval request on this account.',
      );
    }
    if (row.agent_id === manager.agentId) {
      throw new ReviewError(403, 'own-request', 'An approver cannot decide their own request.');
    }
    // The same approver asking again (a retry after a lost answer) gets the decision they made.
    if (row.decision === decision && row.decided_by === manager.agentId) return approvalOfRow(row);
    if (row.decision !== null) {
      throw new ReviewError(
        409,
        'already-decided',
        `This request was already decided (${row.decision}) by agent ${row.decided_by}.`,
      );
    }
    const updated = await tx.query<ApprovalRow>(
      `UPDATE approvals SET decision = $3, decided_by = $4, decided_at = $5
        WHERE account = $1 AND request_id = $2 RETURNING ${APPROVAL_COLUMNS}`,
      [manager.account, requestId, decision, manager.agentId, new Date(now).toISOString()],
    );
    const [result] = updated.rows;
    if (!result) throw new Error('the locked approval row vanished');
    return approvalOfRow(result);
  });
}

/**
 * What gw-core's grant check asks (deps.approvals): the request's approval when an approver
 * approved it, else null (undecided, declined or unknown), so an approver's grant of a request
 * counts only with a decision the gateway holds.
 */
export function approvalsOf(db: Pick<SqlStore, 'query'>) {
  return {
    async approvedFor(account: string, requestId: string): Promise<GatewayApproval | null> {
      const { rows } = await db.query<ApprovalRow>(
        `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE account = $1 AND request_id = $2 AND decision = 'approve'`,
        [account, requestId],
      );
      return rows[0] ? approvalOfRow(rows[0]) : null;
    },
  };
}
