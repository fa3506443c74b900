/**
 * `npm run bench`: the sidebar's speed budgets, measured on the production
 * build in real Chromium against the simulated helpdesk with injected latency,
 * beside a naive baseline (sequential requests, no cache) in the same run,
 * then the same sidebar measurements again with the CPU slowed CPU_RATE times
 * (reported beside the others, for information), then a 100,000-ticket
 * requester's history (./history.ts) and the manager review's load of 5,000
 * grants (./review.ts).
 * Prints a table and writes bench-results/bench.json. A benchmark, not a test:
 * it reports, and exits non-zero only when it could not measure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchProfile, setExtensionStorage, sidebarFrame } from '../e2e/fixtures';
import type { SimTicket } from '../sim/data/model';
import { startSimulator } from '../sim/server';
import { bulkHistoryBench } from './history';
import {
  armWatch,
  gzipSizeOf,
  navigateInApp,
  pageGzipSize,
  percentile,
  type Row,
  seenAt,
  slowCpu,
  type ThrottledTarget,
  throttleLines,
} from './measure';
import { naiveColdView } from './naive';
import { reviewBench } from './review';

const RTT_MS = 150;
/** Issue 18: the sidebar's figures again with the CPU slowed four times, reported beside the normal ones. */
const CPU_RATE = 4;
const BENCH_POLICY = {
  currency: 'USD',
  period: 'week' as const,
  timeZone: 'UTC',
  tiers: [{ name: 'Bench', perGrant: 2500, perCustomerPerPeriod: 10000, perPeriod: 100000 }],
  defaultTier: 'Bench',
  presets: [500],
  reasons: ['Goodwill'],
  undoSeconds: 5,
};
const HOST = 'acme.zendesk.com';
const OUT = resolve('bench-results');
const EXTENSION = resolve('.output/chrome-mv3');

/**
 * The sidebar's budgets, on the bench-size account. With `cpuRate` above 1 the CPU is slowed that
 * many times (slowCpu: every target Chrome lets it reach) once the first ticket is shown, and the
 * naive baseline is not run again (its cost is the network's, not the CPU's).
 */
async function sidebarBench({ cpuRate = 1 } = {}) {
  const sim = await startSimulator({ seed: 7, size: 'bench' });
  const profile = await launchProfile(sim);
  const rows: Row[] = [];
  try {
    const account = sim.data.account(HOST);
    const byVolume = [...account.byRequester.entries()].sort((a, b) => b[1].length - a[1].length);
    const bulk = byVolume[0]![1];
    const ordinary = byVolume.filter(([, tickets]) => tickets.length >= 2 && tickets.length < 40);
    const live = (tickets: SimTicket[]) => tickets.filter((t) => !t.archived);
    const path = (t: SimTicket) => new URL(sim.data.ticketUrl(t)).pathname;

    sim.control.setLatency(RTT_MS, 0);
    const start = live(ordinary[0]![1])[0]!;
    const page = await profile.context.newPage();
    await page.goto(sim.data.ticketUrl(start));
    const frame = await sidebarFrame(page);
    await frame.getByTestId('ticket-subject').filter({ hasText: start.subject }).waitFor({ timeout: 20_000 });
    const timeTo = async (ticket: SimTicket, selector: string, expected: string | { minCount: number }) => {
      await armWatch(frame, selector, expected);
      const clicked = await navigateInApp(page, path(ticket));
      return (await seenAt(frame)) - clicked;
    };
    const settle = (ticket: SimTicket) =>
      frame
        .locator('[data-testid="history-progress"]')
        .filter({ hasText: /of/ })
        .waitFor({ timeout: 60_000 })
        .then(() => page.waitForTimeout(300))
        .then(() => ticket);
    // Once the first ticket's history is in: the loops timed before the throttle would otherwise share
    // the machine's CPU with its loading.
    const throttle =
      cpuRate === 1
        ? null
        : await settle(start).then(() =>
            slowCpu(page, frame, profile.serviceWorker, profile.extensionId, cpuRate),
          );

    // Cold: tickets of customers never seen, one per customer, at 150 ms round trips.
    const cold: number[] = [];
    for (const [, tickets] of ordinary.slice(1, 16)) {
      const ticket = live(tickets)[0];
      if (!ticket) continue;
      cold.push(await timeTo(ticket, '[data-testid="ticket-subject"]', ticket.subject));
      await settle(ticket);
    }

    // Warm: two cached tickets, back and forth.
    const a = live(ordinary[1]![1])[0]!;
    const b = live(ordinary[2]![1])[0]!;
    const warm: number[] = [];
    let skewed = 0;
    for (let i = 0; i < 20; i++) {
      const target = i % 2 === 0 ? a : b;
      const sample = await timeTo(target, '[data-testid="ticket-subject"]', target.subject);
      // Page and sidebar run in different processes; a sample below zero is clock skew, not speed.
      if (sample < 0) skewed++;
      else warm.push(sample);
      await page.waitForTimeout(150);
    }

    // Requests for a warm view of an unchanged ticket.
    await settle(a);
    await navigateInApp(page, path(b));
    await settle(b);
    await page.waitForTimeout(1500);
    sim.control.resetLog();
    await timeTo(a, '[data-testid="ticket-subject"]', a.subject);
    await page.waitForTimeout(2000);
    const warmRequests = sim.control
      .log()
      .entries.filter((entry) => entry.client === 'api' && entry.path.startsWith('/api/v2/'));

    // 5,000-ticket history: fill the cache once (fast network), then paint it from the cache.
    sim.control.setLatency(5, 0);
    const [first, second] = live(bulk);
    await timeTo(first!, '[data-testid="ticket-subject"]', first!.subject);
    await frame
      .getByTestId('history-progress')
      .filter({ hasText: /5,0\d\d of 5,0\d\d/ })
      .waitFor({ timeout: 180_000 });
    sim.control.setLatency(RTT_MS, 0);
    await navigateInApp(page, path(a));
    await frame.getByTestId('ticket-subject').filter({ hasText: a.subject }).waitFor();
    await page.waitForTimeout(1000);
    const paint5000 = await timeTo(
      second!,
      '[data-testid="history-progress"]',
      `Loaded ${bulk.length.toLocaleString('en-US')} of ${bulk.length.toLocaleString('en-US')}`,
    );

    // A grant: click → recorded, undo window included, at 150 ms round trips. Both ends of the
    // measurement are read in the sidebar frame, so no clock skew.
    await setExtensionStorage(profile, { policy: BENCH_POLICY });
    await navigateInApp(page, path(a));
    await frame.getByTestId('grant-preset').first().waitFor({ timeout: 20_000 });
    const grantMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const recorded = '[data-testid="grant-status"][data-state="recorded"]';
      const before = await frame.locator(recorded).count();
      await frame.getByTestId('grant-preset').first().click();
      await armWatch(frame, recorded, { minCount: before + 1 });
      const clicked = (await frame.evaluate(
        `(() => { const at = Date.now(); document.querySelector('[data-testid="grant-submit"]').click(); return at; })()`,
      )) as number;
      grantMs.push((await seenAt(frame, 30_000)) - clicked);
      await page.waitForTimeout(500);
    }

    const throttled: ThrottledTarget[] = throttle ? await throttle.end() : [];

    // The naive baseline: the same helpdesk, the same latency, every request in sequence, no cache.
    const naiveSamples: { first: number; full: number }[] = [];
    for (const [, tickets] of throttle ? [] : ordinary.slice(16, 21)) {
      const ticket = live(tickets)[0];
      if (ticket) naiveSamples.push(await naiveColdView(page, ticket.id));
    }
    const naiveFirst = percentile(
      naiveSamples.map((s) => s.first),
      95,
    );

    rows.push(
      {
        metric: 'cold view → first context, p95 (150 ms RTT)',
        frontline: percentile(cold, 95),
        naive: naiveFirst,
        budget: RTT_MS + 80,
        unit: 'ms',
      },
      {
        metric: 'warm switch → context visible, p95',
        frontline: percentile(warm, 95),
        naive: naiveFirst,
        budget: 25,
        unit: 'ms',
      },
      {
        metric: '5,000-ticket history from cache painted',
        frontline: paint5000,
        naive: null,
        budget: 100,
        unit: 'ms',
      },
      {
        metric: `grant click → recorded, worst of 3 (undo ${BENCH_POLICY.undoSeconds} s)`,
        frontline: Math.max(...grantMs),
        naive: null,
        budget: BENCH_POLICY.undoSeconds * 1000 + 2 * RTT_MS,
        unit: 'ms',
      },
      {
        metric: 'requests, warm view of an unchanged ticket',
        frontline: warmRequests.length,
        naive: 5,
        budget: 3,
        unit: 'req',
      },
    );

    const label = throttle ? `CPU ×${cpuRate} ` : '';
    return {
      rows,
      lines: [
        ...throttleLines(cpuRate, throttled),
        `${label}cold samples (ms): ${cold.map(Math.round).join(' ')}`,
        `${label}warm samples (ms): ${warm.map(Math.round).join(' ')} (dropped ${skewed} below zero)`,
        `${label}warm-view requests: ${warmRequests.map((e) => `${e.method} ${e.route} ${e.status}`).join(', ')}`,
        ...(throttle
          ? []
          : [
              `naive cold view (ms, first context / full): ${naiveSamples.map((s) => `${Math.round(s.first)}/${Math.round(s.full)}`).join(' ')}`,
            ]),
      ],
      samples: { cold, warm, ...(throttle ? {} : { naive: naiveSamples }) },
      throttled,
    };
  } finally {
    await profile.close();
    await sim.close();
  }
}

const judged = (row: Row, value: number): string => {
  if (row.budget === null) return '';
  if (row.exact) return value === row.budget ? 'yes' : 'NO';
  return value <= row.budget ? 'yes' : 'NO';
};

/** The build's sizes: read from disk, the same whatever the CPU. */
const sizeRows = (): Row[] => [
  {
    metric: 'content script (gzip)',
    frontline: gzipSizeOf(join(EXTENSION, 'content-scripts')),
    naive: null,
    budget: 10 * 1024,
    unit: 'B',
  },
  {
    metric: 'sidebar bundle (gzip, JS + CSS)',
    frontline: pageGzipSize(EXTENSION, 'sidebar.html'),
    naive: null,
    budget: 80 * 1024,
    unit: 'B',
  },
];

async function main() {
  const sidebar = await sidebarBench();
  const slow = await sidebarBench({ cpuRate: CPU_RATE });
  const history = await bulkHistoryBench();
  const review = await reviewBench(RTT_MS, BENCH_POLICY);
  const sidebarRows = sidebar.rows.map((row) => ({
    ...row,
    throttled: slow.rows.find((other) => other.metric === row.metric)!.frontline,
  }));
  const rows = [...sidebarRows, ...sizeRows(), ...history.rows, ...review.rows];
  const slowColumn = `CPU ×${CPU_RATE}`;
  const table = rows.map((row) => ({
    metric: row.metric,
    frontline: `${Math.round(row.frontline)} ${row.unit}`,
    naive: row.naive === null ? '' : `${Math.round(row.naive)} ${row.unit}`,
    ratio: row.naive === null || row.frontline === 0 ? '' : `${(row.naive / row.frontline).toFixed(1)}×`,
    budget: row.budget === null ? '' : `${row.exact ? '=' : '≤'} ${row.budget} ${row.unit}`,
    ok: judged(row, row.frontline),
    [slowColumn]: row.throttled === undefined ? '' : `${Math.round(row.throttled)} ${row.unit}`,
    [`ok ×${CPU_RATE}`]: row.throttled === undefined ? '' : judged(row, row.throttled),
  }));
  console.table(table);
  for (const line of [...sidebar.lines, ...slow.lines, ...history.lines, ...review.lines]) console.log(line);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    join(OUT, 'bench.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        rttMs: RTT_MS,
        cpuThrottle: { rate: CPU_RATE, targets: slow.throttled },
        rows,
        samples: {
          ...sidebar.samples,
          throttled: slow.samples,
          review: { rttMs: RTT_MS, seeded: review.seeded, first: review.first, second: review.second },
        },
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${join(OUT, 'bench.json')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
