import type { LoadReport } from './run-load';
import { table } from './stats';

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** The load run's figures as the bench prints them. */
export function formatReport(report: LoadReport): string {
  const verdicts = Object.entries(report.verdicts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key} ${count}`)
    .join(', ');
  return table([
    ['store', `${report.store}${report.poolSize ? ` (pool ${report.poolSize})` : ''}`],
    ['reps', report.reps],
    ['grants (distinct ids)', report.grants],
    ['submissions (with duplicates)', report.requests],
    ['in flight', report.concurrency],
    [
      'helpdesk',
      `simulator, ${report.helpdeskLatencyMs} ms a request, rate limit 100,000/min (not the bottleneck)`,
    ],
    ['wall time', ms(report.wallMs)],
    ['throughput', `${report.throughput.toFixed(1)} submissions/s`],
    ['grant check p50', ms(report.latency.p50)],
    ['grant check p95', ms(report.latency.p95)],
    ['grant check p99', ms(report.latency.p99)],
    ['grant check max', ms(report.latency.max)],
    ['503 retries', report.retries],
    ['verdicts', verdicts],
    ['accepted (ledger)', report.accepted],
    ['executor calls', report.executorCalls],
    ['helpdesk requests', report.helpdeskRequests],
    ['violations', report.violations.length === 0 ? 'none' : report.violations.length],
  ]);
}
