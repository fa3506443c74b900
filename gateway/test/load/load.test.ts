import { describe, expect, it } from 'vitest';
import { testStores } from '../support/stores';
import { formatReport } from './report';
import { runLoad } from './run-load';

/**
 * Issue 19's acceptance: 200 reps granting at once against one gateway on a real Postgres
 * server, started by the test. Each rep asks for more than their period allows, some ask
 * twice with the same grant id, one asks 20 times at once; the ledger must hold every
 * limit and each accepted grant must move money exactly once. The helpdesk answers in
 * 2 ms here to keep `npm test` short; `npm run bench:gateway` runs it with a realistic
 * latency and prints the same table.
 */
const stores = testStores(['postgres']);

describe('the gateway under 200 reps at once', () => {
  it('never overspends, executes each grant once and answers duplicates alike', async () => {
    const database = await stores.fresh('postgres');
    const report = await runLoad({ database: database.database, helpdeskLatencyMs: 2 });
    console.log(`gateway load (npm test)\n${formatReport(report)}`);
    expect(report.violations).toEqual([]);
    expect(report.reps).toBe(200);
    expect(report.requests).toBeGreaterThan(report.grants);
    expect(report.executorCalls).toBe(report.accepted);
    expect(report.verdicts['refused over-period']).toBeGreaterThan(0);
    expect(report.verdicts['refused over-per-grant']).toBeGreaterThan(0);
    expect(Number.isFinite(report.latency.p99)).toBe(true);
  }, 120_000);
});
