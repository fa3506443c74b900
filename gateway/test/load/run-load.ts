import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { GrantVerdict } from '../../../lib/gateway/protocol';
import { startSimulator } from '../../../test/sim/server';
import { seedGrant } from '../../../test/sim/testing/grants';
import type { Execution, ExecutionResult, Executor } from '../../src/executors/executor';
import { startGateway } from '../../src/start';
import type { Queryable } from '../../src/store/store';
import type { TestDatabaseConfig } from '../support/stores';
import {
  LOAD_SHAPE,
  LOAD_TIER,
  type LoadPlan,
  type LoadShape,
  planLoad,
  type Send,
  sendOrder,
} from './scenario';
import { type Percentiles, percentiles } from './stats';
import { type Answer, submitAll } from './submit';

/**
 * One run of the load test: the simulator holding the team's account and every rep's grant
 * note, one gateway on the given database, every submission sent with `concurrency` in
 * flight, then the ledger, the executor's calls and the tickets checked against the plan.
 *
 * The helpdesk the gateway reads is the simulator on the `sim` plan (100,000 requests a
 * minute per account) and the gateway's own share is set to its maximum (10,000 a minute):
 * neither rate limit is what is measured, the gateway and its Postgres are.
 */
export interface LoadOptions {
  database: TestDatabaseConfig;
  shape?: LoadShape;
  concurrency?: number;
  /** The simulator's answer delay for every helpdesk request, ms, plus up to `jitterMs`. */
  helpdeskLatencyMs?: number;
  jitterMs?: number;
}

export interface LoadReport {
  store: 'pglite' | 'postgres';
  poolSize: number | null;
  reps: number;
  grants: number;
  requests: number;
  concurrency: number;
  helpdeskLatencyMs: number;
  wallMs: number;
  /** Submissions answered a second, retries included. */
  throughput: number;
  /** From a submission's first send to its verdict: what a rep waits for a grant check. */
  latency: Percentiles;
  retries: number;
  verdicts: Record<string, number>;
  helpdeskRequests: number;
  executorCalls: number;
  accepted: number;
  /** Every broken promise, in words; the test asserts it is empty. */
  violations: string[];
}

/** An executor that only counts: how often each grant id moved money. */
function countingExecutor(): Executor & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  return {
    name: 'webhook',
    calls,
    async execute(execution: Execution): Promise<ExecutionResult> {
      const count = (calls.get(execution.grantId) ?? 0) + 1;
      calls.set(execution.grantId, count);
      return { reference: `load_${execution.grantId.slice(0, 8)}_${count}` };
    },
  };
}

const verdictKey = (verdict: GrantVerdict): string =>
  verdict.status === 'refused' ? `refused ${verdict.code}` : verdict.status;

/** What a verdict decides: executed and accepted are both "counted"; a refusal's code matters. */
const decision = (verdict: GrantVerdict): string =>
  verdict.status === 'refused' ? `refused ${verdict.code}` : 'counted';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Executions still running or not yet written back: the gateway may finish them after answering. */
async function waitForExecutions(db: Queryable, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM executions WHERE state = 'started' OR (state = 'executed' AND written_back_at IS NULL)`,
    );
    const open = Number(rows[0]?.n ?? 0);
    if (open === 0 || Date.now() > deadline) return open;
    await sleep(100);
  }
}

async function ledgerViolations(db: Queryable): Promise<string[]> {
  const out: string[] = [];
  const overPeriod = await db.query<{ agent_id: string; total: string | number }>(
    `SELECT agent_id, sum(amount) AS total FROM grants
      GROUP BY account, agent_id, period_start HAVING sum(amount) > $1`,
    [LOAD_TIER.perPeriod],
  );
  for (const row of overPeriod.rows)
    out.push(`agent ${row.agent_id} has ${row.total} accepted this period, over ${LOAD_TIER.perPeriod}`);
  const overCustomer = await db.query<{ agent_id: string; customer_id: string; total: string | number }>(
    `SELECT agent_id, customer_id, sum(amount) AS total FROM grants
      GROUP BY account, agent_id, customer_id, period_start HAVING sum(amount) > $1`,
    [LOAD_TIER.perCustomerPerPeriod],
  );
  for (const row of overCustomer.rows)
    out.push(
      `agent ${row.agent_id} has ${row.total} accepted for customer ${row.customer_id}, over the limit`,
    );
  const overGrant = await db.query<{ grant_id: string }>('SELECT grant_id FROM grants WHERE amount > $1', [
    LOAD_TIER.perGrant,
  ]);
  for (const row of overGrant.rows) out.push(`grant ${row.grant_id} is over the per-grant limit`);
  return out;
}

interface Outcome {
  violations: string[];
  accepted: Set<string>;
}

/** Checks every answer against the plan and the executor's calls against the ledger. */
async function checkOutcome(
  plan: LoadPlan,
  answers: readonly Answer<Send>[],
  db: Queryable,
  calls: ReadonlyMap<string, number>,
): Promise<Outcome> {
  const violations = await ledgerViolations(db);
  const { rows } = await db.query<{ grant_id: string }>('SELECT grant_id FROM grants');
  const accepted = new Set(rows.map((r) => r.grant_id));

  const byGrant = new Map<string, Answer<Send>[]>();
  for (const answer of answers)
    byGrant.set(answer.item.grant.grantId, [...(byGrant.get(answer.item.grant.grantId) ?? []), answer]);
  for (const [grantId, copies] of byGrant) {
    const first = copies[0]?.verdict as GrantVerdict;
    if (copies.some((c) => decision(c.verdict) !== decision(first)))
      violations.push(
        `grant ${grantId} got different verdicts: ${copies.map((c) => verdictKey(c.verdict)).join(', ')}`,
      );
    const executed = copies.flatMap((c) => (c.verdict.status === 'executed' ? [c.verdict] : []));
    if (executed.some((v) => !isDeepStrictEqual(v, executed[0])))
      violations.push(`grant ${grantId} was answered with different executions`);
    if ((decision(first) === 'counted') !== accepted.has(grantId))
      violations.push(`grant ${grantId} answered ${verdictKey(first)} but the ledger disagrees`);
  }

  for (const grant of plan.grants) {
    const verdict = byGrant.get(grant.grantId)?.[0]?.verdict;
    if (grant.kind === 'over-per-grant' && verdict && decision(verdict) !== 'refused over-per-grant')
      violations.push(`grant ${grant.grantId} above the per-grant limit answered ${verdictKey(verdict)}`);
    if (grant.kind !== 'over-per-grant' && verdict?.status === 'refused' && verdict.code !== 'over-period')
      violations.push(`grant ${grant.grantId} refused ${verdict.code}: ${verdict.message}`);
  }

  for (const rep of plan.reps) {
    const mine = plan.grants.filter((g) => g.agent === rep && accepted.has(g.grantId)).length;
    const expected = plan.acceptedPerRep.get(rep.id);
    if (mine !== expected) violations.push(`rep ${rep.id} has ${mine} grants accepted, expected ${expected}`);
  }

  for (const [grantId, count] of calls) {
    if (count !== 1) violations.push(`grant ${grantId} was executed ${count} times`);
    if (!accepted.has(grantId)) violations.push(`grant ${grantId} was executed without being accepted`);
  }
  for (const grantId of accepted)
    if (!calls.has(grantId)) violations.push(`accepted grant ${grantId} was never executed`);
  return { violations, accepted };
}

/** The gateway's write-back: exactly one private note by its own user naming each accepted grant. */
function writeBackViolations(
  plan: LoadPlan,
  sim: Awaited<ReturnType<typeof startSimulator>>,
  accepted: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const host = plan.team.account.host;
  for (const grant of plan.grants) {
    if (!accepted.has(grant.grantId)) continue;
    const notes = sim.data
      .comments(host, grant.ticket.id)
      .filter((c) => c.authorId === plan.gatewayUser.id && c.body.includes(grant.grantId));
    if (notes.length !== 1) out.push(`grant ${grant.grantId} has ${notes.length} write-back notes`);
  }
  return out;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const shape = options.shape ?? LOAD_SHAPE;
  const concurrency = options.concurrency ?? 200;
  const helpdeskLatencyMs = options.helpdeskLatencyMs ?? 0;
  const plan = planLoad(shape);
  const account = plan.team.account;
  const sim = await startSimulator({
    accounts: [account],
    plan: 'sim',
    latencyMs: helpdeskLatencyMs,
    jitterMs: options.jitterMs ?? 0,
    seed: shape.seed,
  });
  const folder = mkdtempSync(join(tmpdir(), 'frontline-load-'));
  const caFile = join(folder, 'sim-ca.pem');
  writeFileSync(caFile, sim.ca);
  const executor = countingExecutor();
  let gateway: Awaited<ReturnType<typeof startGateway>> | null = null;
  try {
    for (const grant of plan.grants)
      seedGrant(sim, {
        ticket: grant.ticket,
        agent: grant.agent,
        amount: grant.amount,
        reason: 'Goodwill',
        id: grant.grantId,
      });
    gateway = await startGateway(
      {
        listen: { host: '127.0.0.1', port: 0 },
        logLevel: 'warn',
        database: options.database,
        accounts: [
          {
            kind: 'zendesk',
            account: account.host,
            apiBase: sim.origin(account.host),
            credentials: { email: plan.gatewayUser.email, token: account.apiToken },
            requestsPerMinute: 10_000,
            policy: plan.policy,
            executor: 'webhook',
          },
        ],
        helpdeskNetwork: { caFile, resolve: { [account.host]: '127.0.0.1' } },
        // The sweeper's own pass would race the measured requests; the run checks what they did.
        sweepSeconds: 3600,
      },
      { executors: new Map([['webhook', executor]]) },
    );
    sim.control.resetLog();
    const order = sendOrder(plan);
    const { answers, wallMs } = await submitAll(
      gateway.url,
      order,
      (send) => ({ account: account.host, ticket: send.grant.ticket.id, grantId: send.grant.grantId }),
      { concurrency },
    );
    const db = gateway.deps.store;
    const open = await waitForExecutions(db, 15_000);
    const outcome = await checkOutcome(plan, answers, db, executor.calls);
    const violations = [
      ...(open > 0 ? [`${open} executions still unfinished 15 s after the last answer`] : []),
      ...outcome.violations,
      ...writeBackViolations(plan, sim, outcome.accepted),
    ];
    const verdicts: Record<string, number> = {};
    for (const answer of answers)
      verdicts[verdictKey(answer.verdict)] = (verdicts[verdictKey(answer.verdict)] ?? 0) + 1;
    return {
      store: db.kind,
      poolSize: 'url' in options.database ? (options.database.poolSize ?? null) : null,
      reps: plan.reps.length,
      grants: plan.grants.length,
      requests: answers.length,
      concurrency,
      helpdeskLatencyMs,
      wallMs,
      throughput: answers.length / (wallMs / 1000),
      latency: percentiles(answers.map((a) => a.ms)),
      retries: answers.reduce((sum, a) => sum + a.retries, 0),
      verdicts,
      helpdeskRequests: sim.control.log().total,
      executorCalls: [...executor.calls.values()].reduce((sum, n) => sum + n, 0),
      accepted: outcome.accepted.size,
      violations,
    };
  } finally {
    await gateway?.close();
    await sim.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
