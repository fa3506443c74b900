import type { FastifyBaseLogger } from 'fastify';
import type { GrantVerdict } from '../../../lib/gateway/protocol';
import type { AccountConfig } from '../config';
import type { GatewayDeps } from '../deps';
import { type Execution, ExecutorError } from '../executors/executor';
import { acceptedVerdict, type GrantRecord, readGrant } from './ledger';
import { writeBack } from './write-back';

export type Customer = Execution['customer'];

const MAX_ERROR = 500;

/**
 * Claims the grant's execution row: true when this caller inserted it and may call the
 * executor. The row exists before any money moves, so a second request, a retry or a
 * restart finds it and never starts a second execution.
 */
async function claim(deps: GatewayDeps, grantId: string, executor: string): Promise<boolean> {
  const { rows } = await deps.store.query(
    `INSERT INTO executions (grant_id, executor, state, attempts, started_at)
     VALUES ($1, $2, 'started', 1, $3) ON CONFLICT (grant_id) DO NOTHING RETURNING grant_id`,
    [grantId, executor, new Date(deps.now()).toISOString()],
  );
  return rows.length === 1;
}

/**
 * Calls the executor for a grant whose row this caller holds (claimed, or resumed by the
 * sweeper), stores the answer, then writes the reference back on the ticket. Every call
 * carries the grant id as its idempotency key, so a resumed call replays the first one.
 */
export async function runExecution(
  deps: GatewayDeps,
  account: AccountConfig,
  grant: GrantRecord,
  customer: Customer,
  log: FastifyBaseLogger,
): Promise<void> {
  const name = account.executor;
  const executor = name ? deps.executors.get(name) : undefined;
  if (!executor) return;
  let reference: string;
  try {
    ({ reference } = await executor.execute({
      grantId: grant.grantId,
      account: grant.account,
      ticket: grant.ticket,
      agentId: grant.agentId,
      customer,
      amount: grant.amount,
      currency: grant.currency,
      reason: grant.reason,
      notedAt: grant.notedAt,
    }));
  } catch (error) {
    const permanent = error instanceof ExecutorError && error.permanent;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR);
    log.warn({ executor: executor.name, permanent, err: message }, 'execution failed');
    // A transient failure keeps the row `started`: the sweeper retries it with the same key.
    await deps.store.query(
      `UPDATE executions SET error = $2, state = CASE WHEN $3 THEN 'failed' ELSE state END WHERE grant_id = $1`,
      [grant.grantId, message, permanent],
    );
    return;
  }
  await deps.store.query(
    `UPDATE executions SET state = 'executed', reference = $2, error = NULL, executed_at = $3
      WHERE grant_id = $1`,
    [grant.grantId, reference, new Date(deps.now()).toISOString()],
  );
  log.info({ executor: executor.name, reference }, 'executed');
  deps.afterExecute?.(grant.grantId);
  await writeBackLogged(deps, account, grant, executor.name, reference, log);
}

export async function writeBackLogged(
  deps: GatewayDeps,
  account: AccountConfig,
  grant: GrantRecord,
  executor: string,
  reference: string,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    const how = await writeBack(deps, account, grant, executor, reference);
    log.info({ reference, how }, 'reference written back');
  } catch (error) {
    // The money moved and is recorded; the sweeper writes the note later.
    log.warn({ err: (error as Error).message }, 'write-back failed; the sweeper retries');
  }
}

/** Executes an accepted grant at most once and answers its verdict as it stands afterwards. */
export async function executeOnce(
  deps: GatewayDeps,
  account: AccountConfig,
  grant: GrantRecord,
  customer: Customer,
  log: FastifyBaseLogger,
): Promise<GrantVerdict> {
  const name = account.executor;
  if (name && deps.executors.has(name) && (await claim(deps, grant.grantId, name)))
    await runExecution(deps, account, grant, customer, log);
  const now = await readGrant(deps.store, grant.grantId);
  return acceptedVerdict(grant, now?.execution ?? null);
}
