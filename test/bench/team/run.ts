/**
 * `npm run bench:team`: the load model of a whole team (README, "The team load model").
 * Prints tables and writes bench-results/team.json. A benchmark, not a test: it reports
 * budgets met or MISSED, and exits non-zero only when it could not measure.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseFlags } from './flags';

/**
 * The casework runtime drains on a timer backed by an alarm (browser.alarms) and locks with
 * Web Locks: an in-memory browser, and a lock that does not lock across the team's profiles
 * (each rep's casework drain is its own; one global lock would serialise all of them).
 */
function browserGlobals() {
  Object.assign(globalThis, { chrome: fakeBrowser });
  Object.defineProperty(globalThis, 'navigator', {
    value: { locks: { request: <T>(_name: string, work: () => Promise<T>) => work() } },
    configurable: true,
  });
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const out = resolve('bench-results');
  const write = (results: unknown[], realMs: number) => {
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'team.json'),
      JSON.stringify({ at: new Date().toISOString(), flags, realMs, results }, null, 2),
    );
  };
  browserGlobals();
  const { accountDay } = await import('./account-day');
  const { ledgerCost } = await import('./ledger-cost');
  const { endpointTable, figures, refusalsByWho, trafficTable } = await import('./report');
  const started = performance.now();
  const results = [];
  for (const helpdesk of flags.helpdesks) {
    const costs = flags.skip.includes('ledger')
      ? []
      : [await ledgerCost(helpdesk, flags, 10), await ledgerCost(helpdesk, flags, 200)];
    const day = await accountDay(helpdesk, flags);
    console.log(
      `\n## ${helpdesk}: ${day.generation.agents} agents, ${day.generation.tickets.toLocaleString('en-US')} tickets, ${day.generation.grants.toLocaleString('en-US')} grants on ${day.generation.grantTickets.toLocaleString('en-US')} tickets this week, generated in ${Math.round(day.generation.ms)} ms (ledger field: ${day.generation.ledgerField ? 'yes' : 'no'})`,
    );
    console.log(`${day.reps.length} reps, plan ${flags.plan}, ${flags.hours} h, share ${flags.share}`);
    console.table(trafficTable(day));
    const figs = figures(day, flags, costs);
    console.table(figs.map(({ helpdesk: _h, ...rest }) => rest));
    console.log(refusalsByWho(day));
    console.table(endpointTable(day));
    if (day.mismatches.length > 0)
      console.log(
        `meters ≠ notes: ${day.mismatches
          .slice(0, 10)
          .map((m) => `${m.agent} shows ${m.shown}, notes say ${m.truth}`)
          .join('; ')}`,
      );
    if (day.log.errors.size > 0)
      console.log(
        `module errors: ${[...day.log.errors]
          .slice(0, 8)
          .map(([m, n]) => `${n}× ${m}`)
          .join('; ')}`,
      );
    results.push({
      helpdesk,
      generation: day.generation,
      traffic: trafficTable(day),
      endpoints: endpointTable(day),
      figures: figs,
      ledgerCost: costs,
      mismatches: day.mismatches,
      refusals: Object.fromEntries([...day.traffic.wire()].filter(([, w]) => w.refused > 0)),
      day: { ...day.log, errors: Object.fromEntries(day.log.errors) },
      review: day.review,
    });
    // Written after each helpdesk, so a long run that is stopped keeps what it measured.
    write(results, performance.now() - started);
  }
  const realMs = performance.now() - started;
  console.log(`\nreal time: ${Math.round(realMs / 1000)} s`);
  write(results, realMs);
  console.log(`wrote ${join(out, 'team.json')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
