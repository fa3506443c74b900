/**
 * A requester with 100,000 tickets, never seen: how soon the sidebar shows the
 * first rows of the history, and how soon all of them, while pages stream in
 * (the history travels as deltas, so each publish costs what changed).
 */
import { launchProfile, sidebarFrame } from '../e2e/fixtures';
import { startSimulator } from '../sim/server';
import { armWatch, navigateInApp, type Row, seenAt } from './measure';

const HOST = 'acme.zendesk.com';
/** Short round trips: the row measures the extension's work, not 2,000 round trips of latency. */
const RTT_MS = 5;
/**
 * The full load is ~2,000 sequential requests (requested tickets, then search in
 * windows of 1,000): on a busy machine that is longer than a bench run may take,
 * so after this long the row reports how many rows the sidebar holds instead.
 */
const FULL_LOAD_WAIT_MS = 5 * 60_000;

export async function bulkHistoryBench(): Promise<{ rows: Row[]; lines: string[] }> {
  const sim = await startSimulator({ seed: 7, size: 'bulk' });
  const profile = await launchProfile(sim);
  try {
    const account = sim.data.account(HOST);
    const byVolume = [...account.byRequester.values()].sort((a, b) => a.length - b.length);
    const bulk = byVolume.at(-1)!;
    const quiet = byVolume.find((tickets) => tickets.some((t) => !t.archived))!;
    const start = quiet.find((t) => !t.archived)!;
    const target = bulk.find((t) => !t.archived)!;
    const count = bulk.length.toLocaleString('en-US');

    sim.control.setLatency(RTT_MS, 0);
    const page = await profile.context.newPage();
    await page.goto(sim.data.ticketUrl(start));
    const frame = await sidebarFrame(page);
    await frame.getByTestId('ticket-subject').filter({ hasText: start.subject }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);

    // First rows: more history rows than the quiet customer's whole history, so the
    // ticket in view alone (cached at once) does not count.
    await armWatch(frame, '[data-testid="case-history-item"]', { minCount: quiet.length + 2 });
    const clicked = await navigateInApp(page, new URL(sim.data.ticketUrl(target)).pathname);
    const first = (await seenAt(frame, 120_000)) - clicked;
    await armWatch(frame, '[data-testid="history-progress"]', `Loaded ${count} of ${count}`);
    const full = await seenAt(frame, FULL_LOAD_WAIT_MS).then(
      (at) => at - clicked,
      () => null,
    );
    const progress = (await frame.getByTestId('history-progress').textContent()) ?? '';
    const held = Number(/Loaded ([\d,]+)/.exec(progress)?.[1]?.replaceAll(',', '') ?? Number.NaN);
    const requests = sim.control.log().entries.filter((entry) => entry.client === 'api').length;
    const waited = Date.now() - clicked;

    return {
      rows: [
        {
          metric: `${count}-ticket history, cold → first rows (${RTT_MS} ms RTT)`,
          frontline: first,
          naive: null,
          budget: null,
          unit: 'ms',
        },
        full === null
          ? {
              metric: `${count}-ticket history, rows held ${FULL_LOAD_WAIT_MS / 60_000} min after the click`,
              frontline: held,
              naive: null,
              budget: null,
              unit: 'rows',
            }
          : {
              metric: `${count}-ticket history, cold → fully loaded (${RTT_MS} ms RTT)`,
              frontline: full,
              naive: null,
              budget: null,
              unit: 'ms',
            },
      ],
      lines: [
        `${count}-ticket history: ${requests} helpdesk API requests in ${Math.round(waited / 1000)} s, ` +
          `${Math.round(held / (waited / 1000))} rows/s; the sidebar showed "${progress}"`,
      ],
    };
  } finally {
    await profile.close();
    await sim.close();
  }
}
