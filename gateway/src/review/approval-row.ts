import type { GatewayApproval } from '../../../lib/gateway/protocol';
import { iso, isoOrNull, minor, type Row } from './sql';

export const APPROVAL_COLUMNS = `request_id, ticket, agent_id, customer_id, amount::text AS amount, currency, reason,
       requested_at, decision, decided_by, decided_at`;

/** An `approvals` row as read with `APPROVAL_COLUMNS` (amount as text: bigint). */
export interface ApprovalRow extends Row {
  request_id: string;
  ticket: string;
  agent_id: string;
  customer_id: string;
  amount: string;
  currency: string;
  reason: string;
  requested_at: unknown;
  decision: 'approve' | 'decline' | null;
  decided_by: string | null;
  decided_at: unknown;
}

export const approvalOfRow = (r: ApprovalRow): GatewayApproval => ({
  requestId: r.request_id,
  ticket: r.ticket,
  agentId: r.agent_id,
  customerId: r.customer_id,
  amount: minor(r.amount),
  currency: r.currency,
  reason: r.reason,
  requestedAt: iso(r.requested_at),
  decision: r.decision,
  decidedBy: r.decided_by,
  decidedAt: isoOrNull(r.decided_at),
});
