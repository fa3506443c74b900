import type { GrantVerdict, PeriodSpan } from '../../../lib/gateway/protocol';
import { isoOf, minorOf, type Queryable } from '../store/store';
import type { Refusal } from './refusal';

/** An accepted grant as the ledger holds it. */
export interface GrantRecord {
  grantId: string;
  account: string;
  ticket: string;
  agentId: string;
  customerId: string;
  amount: number;
  currency: string;
  reason: string;
  requestId: string | null;
  noteId: string;
  notedAt: string;
  period: PeriodSpan;
  checkedAt: string;
}

export interface ExecutionRow {
  executor: 'stripe' | 'webhook';
  state: 'started' | 'executed' | 'failed';
  reference: string | null;
  error: string | null;
  attempts: number;
  startedAt: string;
  executedAt: string | null;
  writtenBackAt: string | null;
}

type GrantRow = Record<string, unknown>;

export const grantOfRow = (row: GrantRow): GrantRecord => ({
  grantId: String(row.grant_id),
  account: String(row.account),
  ticket: String(row.ticket),
  agentId: String(row.agent_id),
  customerId: String(row.customer_id),
  amount: minorOf(row.amount),
  currency: String(row.currency),
  reason: String(row.reason),
  requestId: row.request_id === null ? null : String(row.request_id),
  noteId: String(row.note_id),
  notedAt: isoOf(row.noted_at),
  period: { start: isoOf(row.period_start), end: isoOf(row.period_end) },
  checkedAt: isoOf(row.checked_at),
});

const executionOfRow = (row: GrantRow): ExecutionRow | null =>
  row.state === null || row.state === undefined
    ? null
    : {
        executor: row.executor as ExecutionRow['executor'],
        state: row.state as ExecutionRow['state'],
        reference: row.reference === null ? null : String(row.reference),
        error: row.error === null ? null : String(row.error),
        attempts: Number(row.attempts),
        startedAt: isoOf(row.started_at),
        executedAt: row.executed_at === null ? null : isoOf(row.executed_at),
        writtenBackAt: row.written_back_at === null ? null : isoOf(row.written_back_at),
      };

/** The verdict an accepted grant answers: executed once its executor gave a reference. */
export const acceptedVerdict = (grant: GrantRecord, execution: ExecutionRow | null): GrantVerdict =>
  execution?.state === 'executed' && execution.reference !== null
    ? {
        status: 'executed',
        grantId: grant.grantId,
        executor: execution.executor,
        reference: execution.reference,
        period: grant.period,
      }
    : { status: 'accepted', grantId: grant.grantId, period: grant.period };

export async function readGrant(
  db: Queryable,
  grantId: string,
): Promise<{ grant: GrantRecord; execution: ExecutionRow | null } | null> {
  const { rows } = await db.query(
    `SELECT g.*, e.executor, e.state, e.reference, e.error, e.attempts, e.started_at, e.executed_at,
            e.written_back_at
       FROM grants g LEFT JOIN executions e ON e.grant_id = g.grant_id
      WHERE g.grant_id = $1`,
    [grantId],
  );
  const row = rows[0];
  return row ? { grant: grantOfRow(row), execution: executionOfRow(row) } : null;
}

/** The refusal stored for this grant id on this ticket, if any. */
export async function readRefusal(
  db: Queryable,
  grantId: string,
  account: string,
  ticket: string,
): Promise<Pick<Refusal, 'code' | 'message'> | null> {
  const { rows } = await db.query<{ code: string; message: string }>(
    'SELECT code, message FROM refusals WHERE grant_id = $1 AND account = $2 AND ticket = $3',
    [grantId, account, ticket],
  );
  const row = rows[0];
  return row ? { code: row.code as Refusal['code'], message: row.message } : null;
}

/** Stores a refusal; the first one for a grant id stays (the same forged id twice is one row). */
export async function storeRefusal(
  db: Queryable,
  at: { grantId: string; account: string; ticket: string; now: string },
  refusal: Refusal,
): Promise<void> {
  await db.query(
    `INSERT INTO refusals (grant_id, account, ticket, agent_id, amount, code, message, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (grant_id) DO NOTHING`,
    [
      at.grantId,
      at.account,
      at.ticket,
      refusal.agentId,
      refusal.amount,
      refusal.code,
      refusal.message,
      at.now,
    ],
  );
}

/** Takes the agent's lock row: until the transaction ends, no other grant of theirs is counted. */
export async function lockAgent(db: Queryable, account: string, agentId: string): Promise<void> {
  await db.query('INSERT INTO agents (account, agent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    account,
    agentId,
  ]);
  await db.query('SELECT 1 FROM agents WHERE account = $1 AND agent_id = $2 FOR UPDATE', [account, agentId]);
}

export interface Used {
  used: number;
  customerUsed: number | null;
}

/** What the agent's accepted grants add up to in `[start, end)`, overall and for one customer. */
export async function usedIn(
  db: Queryable,
  account: string,
  agentId: string,
  period: PeriodSpan,
  customerId: string | null,
): Promise<Used> {
  const { rows } = await db.query<{ used: string; customer_used: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS used,
            coalesce(sum(amount) FILTER (WHERE customer_id = $5), 0)::text AS customer_used
       FROM grants
      WHERE account = $1 AND agent_id = $2 AND checked_at >= $3 AND checked_at < $4`,
    [account, agentId, period.start, period.end, customerId ?? ''],
  );
  const row = rows[0];
  return {
    used: minorOf(row?.used ?? 0),
    customerUsed: customerId === null ? null : minorOf(row?.customer_used ?? 0),
  };
}

export async function insertGrant(db: Queryable, grant: GrantRecord): Promise<void> {
  await db.query(
    `INSERT INTO grants (grant_id, account, ticket, agent_id, customer_id, amount, currency, reason,
                         request_id, note_id, noted_at, period_start, period_end, checked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      grant.grantId,
      grant.account,
      grant.ticket,
      grant.agentId,
      grant.customerId,
      grant.amount,
      grant.currency,
      grant.reason,
      grant.requestId,
      grant.noteId,
      grant.notedAt,
      grant.period.start,
      grant.period.end,
      grant.checkedAt,
    ],
  );
}
