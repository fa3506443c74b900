import { adapterFor } from '../../../lib/helpdesks/adapters';
import { accountOf, ticketRef } from '../accounts/account';
import type { GatewayDeps } from '../deps';
import { runExecution, writeBackLogged } from './execute';
import { grantOfRow } from './ledger';

export interface Sweeper {
  stop(): Promise<void>;
}

export interface SweepResult {
  resumed: number;
  writtenBack: number;
}

/**
 * Takes over executions a request left behind (the process died, the executor or the
 * helpdesk failed): `started` rows whose lease ran out are called again with the same
 * idempotency key, and executed rows without their note get it. A row is taken with a
 * compare-and-set on its `started_at`, so two gateways on one server never both resume it.
 */
export async function sweep(deps: GatewayDeps): Promise<SweepResult> {
  const now = deps.now();
  const stale = new Date(now - deps.config.sweepLeaseSeconds * 1000).toISOString();
  const result: SweepResult = { resumed: 0, writtenBack: 0 };
  const started = await deps.store.query<{ grant_id: string }>(
    `SELECT grant_id FROM executions WHERE state = 'started' AND started_at <= $1 ORDER BY started_at LIMIT 100`,
    [stale],
  );
  for (const { grant_id } of started.rows) {
    const { rows } = await deps.store.query(
      `UPDATE executions SET started_at = $3, attempts = attempts + 1
        WHERE grant_id = $1 AND state = 'started' AND started_at <= $2
        RETURNING grant_id`,
      [grant_id, stale, new Date(now).toISOString()],
    );
    if (rows.length === 0) continue;
    const grantRows = await deps.store.query('SELECT * FROM grants WHERE grant_id = $1', [grant_id]);
    const row = grantRows.rows[0];
    const account = row ? accountOf(deps.config, String(row.account)) : null;
    if (!row || !account) continue;
    const grant = grantOfRow(row);
    const log = deps.logger.child({ grantId: grant.grantId, account: grant.account, ticket: grant.ticket });
    try {
      const { requester } = await adapterFor(account.kind).ticket(
        deps.helpdesk(account),
        ticketRef(account, grant.ticket),
      );
      log.info('resuming an unfinished execution');
      await runExecution(
        deps,
        account,
        grant,
        { id: requester.id, email: requester.email, name: requester.name },
        log,
      );
      result.resumed++;
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'resume failed; the next sweep retries');
    }
  }
  const unwritten = await deps.store.query(
    `SELECT g.*, e.executor, e.reference FROM executions e JOIN grants g ON g.grant_id = e.grant_id
      WHERE e.state = 'executed' AND e.written_back_at IS NULL AND e.executed_at <= $1
      ORDER BY e.executed_at LIMIT 100`,
    [stale],
  );
  for (const row of unwritten.rows) {
    const grant = grantOfRow(row);
    const account = accountOf(deps.config, grant.account);
    if (!account) continue;
    const log = deps.logger.child({ grantId: grant.grantId, account: grant.account, ticket: grant.ticket });
    await writeBackLogged(deps, account, grant, String(row.executor), String(row.reference), log);
    result.writtenBack++;
  }
  return result;
}

/** Sweeps once at start, then every `everyMs`; a sweep never overlaps the previous one. */
export function startSweeper(deps: GatewayDeps, everyMs: number): Sweeper {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = (): void => {
    running = running
      .then(() => (stopped ? undefined : sweep(deps)))
      .catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'sweep failed'));
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
