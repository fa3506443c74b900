import type {
  AgentTotal,
  GatewayApproval,
  GatewayGrant,
  GatewayRefusal,
  GatewayReview,
  RefusalCode,
} from '../../../lib/gateway/protocol';
import { APPROVAL_COLUMNS, type ApprovalRow, approvalOfRow } from './approval-row';
import { iso, minor, type Row, type Sql } from './sql';

/**
 * A period of one account, read in four statements (grants with their execution, totals per
 * agent, refusals, approvals), each one round trip on the (account, time) indexes whatever
 * the team's size. Grants and refusals fall in `[from, until)` by the gateway's clock (when
 * it checked them); the approval queue holds every undecided request whatever its age, and
 * the decided ones of the period.
 */

const GRANTS = `
SELECT g.grant_id, g.ticket, g.agent_id, g.customer_id, g.amount::text AS amount, g.currency, g.reason,
       g.noted_at, g.request_id, e.executor, e.state, e.reference, e.error
  FROM grants g LEFT JOIN executions e ON e.grant_id = g.grant_id
 WHERE g.account = $1 AND g.checked_at >= $2 AND g.checked_at < $3
 ORDER BY g.checked_at, g.grant_id`;

const TOTALS = `
SELECT agent_id, count(*)::int AS count, sum(amount)::text AS amount
  FROM grants
 WHERE account = $1 AND checked_at >= $2 AND checked_at < $3
 GROUP BY agent_id
 ORDER BY sum(amount) DESC, agent_id`;

const REFUSALS = `
SELECT grant_id, ticket, agent_id, amount::text AS amount, code, message, at
  FROM refusals
 WHERE account = $1 AND at >= $2 AND at < $3
 ORDER BY at, grant_id`;

const APPROVALS = `
SELECT ${APPROVAL_COLUMNS}
  FROM approvals
 WHERE account = $1 AND (decision IS NULL OR (requested_at >= $2 AND requested_at < $3))
 ORDER BY requested_at, request_id`;

interface GrantRow extends Row {
  grant_id: string;
  ticket: string;
  agent_id: string;
  customer_id: string;
  amount: string;
  currency: string;
  reason: string;
  noted_at: unknown;
  request_id: string | null;
  executor: 'stripe' | 'webhook' | null;
  state: 'started' | 'executed' | 'failed' | null;
  reference: string | null;
  error: string | null;
}

const grantOf = (r: GrantRow): GatewayGrant => ({
  grantId: r.grant_id,
  ticket: r.ticket,
  agentId: r.agent_id,
  customerId: r.customer_id,
  amount: minor(r.amount),
  currency: r.currency,
  reason: r.reason,
  notedAt: iso(r.noted_at),
  requestId: r.request_id,
  execution: {
    executor: r.executor,
    state: r.state ?? 'none',
    reference: r.reference,
    error: r.error,
  },
});

interface RefusalRow extends Row {
  grant_id: string;
  ticket: string;
  agent_id: string | null;
  amount: string | null;
  code: RefusalCode;
  message: string;
  at: unknown;
}

const refusalOf = (r: RefusalRow): GatewayRefusal => ({
  grantId: r.grant_id,
  ticket: r.ticket,
  agentId: r.agent_id,
  amount: r.amount === null ? null : minor(r.amount),
  code: r.code,
  message: r.message,
  at: iso(r.at),
});

export async function readReview(
  db: Sql,
  account: string,
  from: string,
  until: string,
): Promise<GatewayReview> {
  const params = [account, from, until];
  const [grants, totals, refusals, approvals] = await Promise.all([
    db.query<GrantRow>(GRANTS, params),
    db.query<{ agent_id: string; count: number; amount: string }>(TOTALS, params),
    db.query<RefusalRow>(REFUSALS, params),
    db.query<ApprovalRow>(APPROVALS, params),
  ]);
  return {
    from,
    until,
    grants: grants.rows.map(grantOf),
    totals: totals.rows.map(
      (r): AgentTotal => ({ agentId: r.agent_id, count: Number(r.count), amount: minor(r.amount) }),
    ),
    refusals: refusals.rows.map(refusalOf),
    approvals: approvals.rows.map((r): GatewayApproval => approvalOfRow(r)),
  };
}
