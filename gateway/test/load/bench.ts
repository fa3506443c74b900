import { parseArgs } from 'node:util';
import { startPostgresServer } from '../support/postgres-server';
import type { TestDatabaseConfig } from '../support/stores';
import { formatReport } from './report';
import { runLoad } from './run-load';

/**
 * `npm run bench:gateway [-- --latency 40 --jitter 20 --concurrency 200 --pool 20 --store postgres|pglite]`:
 * the load test's run with a helpdesk as slow as a real one (default 40 ms ± 20 a request),
 * on a throwaway Postgres server of its own, printing the figures. Exits 1 on any violation.
 */
const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '40' },
    jitter: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '200' },
    pool: { type: 'string' },
    store: { type: 'string', default: 'postgres' },
  },
});

const whole = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${value}"`);
  return n;
};

if (values.store !== 'postgres' && values.store !== 'pglite')
  throw new Error('--store must be postgres or pglite');
const server =
  values.store === 'postgres' ? await startPostgresServer({ settings: { max_connections: '300' } }) : null;
try {
  const pool = whole('pool', values.pool);
  const database: TestDatabaseConfig = server ? { url: server.url, ...(pool ? { poolSize: pool } : {}) } : {};
  const report = await runLoad({
    database,
    helpdeskLatencyMs: whole('latency', values.latency),
    jitterMs: whole('jitter', values.jitter),
    concurrency: whole('concurrency', values.concurrency),
  });
  console.log(formatReport(report));
  for (const violation of report.violations) console.log(`VIOLATION ${violation}`);
  process.exitCode = report.violations.length ? 1 : 0;
} finally {
  await server?.stop();
}
