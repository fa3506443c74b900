/**
 * `npm start`: the demo. Starts the simulated helpdesk with the demo data set, the Stripe
 * simulator and the credit gateway (issue 19; `--no-gateway`: the serverless mode, limits
 * advisory), and opens Chromium with the production build on a demo Zendesk ticket.
 * With a display it stays open for a person; without one it saves screenshots, grants a
 * credit through the gateway, prints what reached Stripe and the sidebar, and exits.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Frame, type Page, type Worker } from '@playwright/test';
import type { SimTicket } from '../sim/data/model';
import { type Simulator, startSimulator } from '../sim/server';
import { seedGrant } from '../sim/testing/grants';
import { chromiumArgs, chromiumMissing, findChromium } from '../support/chromium';
import { startDemoGateway, withHostRule } from './gateway';
import { describeOutcome, grantThroughGateway, movedOnce } from './grant';
import { DEMO_POLICY } from './policy';

const EXTENSION_DIR = resolve('.output/chrome-mv3');
const OUT_DIR = resolve('.demo');
/** `npm start -- --readme` also writes the README's screenshot. */
const README_SHOT = resolve('docs/demo.png');
/** A laptop screen: what a rep sees without scrolling. */
const VIEWPORT = { width: 1440, height: 900 };

/** Writes the extension's local storage, as its options page would. */
const setStorage = (worker: Worker, items: Record<string, unknown>): Promise<void> =>
  worker.evaluate(
    (items) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
      ).chrome.storage.local.set(items),
    items,
  );

/**
 * The review reads the team from the gateway with a manager's own helpdesk credential, which
 * the gateway checks with the helpdesk: the demo's manager (Cleo, a Zendesk admin) saves her API token.
 */
const managerCredential = (sim: Simulator) => {
  const host = 'acme.zendesk.com';
  return { [host]: { helpdesk: 'zendesk', email: 'cleo@acme.test', token: sim.data.account(host).apiToken } };
};

async function sidebarOf(page: Page): Promise<Frame> {
  for (let tries = 0; tries < 200; tries++) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the sidebar did not appear');
}

/**
 * A week of credits from the team, so the review has something to show: each
 * agent grants a few amounts, one agent far more often than the others.
 */
function seedTeamCredits(sim: Simulator): void {
  const host = 'acme.zendesk.com';
  const agents = sim.data.agents(host);
  const tickets = [...sim.data.account(host).tickets.values()].filter((t) => !t.archived).slice(-40);
  const amounts = [500, 1000, 1500, 2500, 750];
  let n = 0;
  for (const [a, agent] of agents.entries()) {
    const grants = a === 0 ? 14 : 4 + a;
    for (let g = 0; g < grants; g++, n++)
      seedGrant(sim, {
        ticket: tickets[n % tickets.length]!,
        agent,
        amount: amounts[(g + a) % amounts.length]!,
        reason: DEMO_POLICY.reasons[(g + a) % DEMO_POLICY.reasons.length]!,
      });
  }
}

/** Text a real account could hold: the data set's hostile test strings (markup, templates) are for the tests. */
const plain = (text: string): boolean => !/[<>{}]/.test(text);

/**
 * The demo's ticket: a live Zendesk ticket of a customer with a few earlier cases, whose names,
 * subjects and thread hold none of the data set's hostile test strings, so the screenshot shows
 * what a rep would see. Falls back to the data set's sample ticket.
 */
function demoTicket(sim: Simulator): SimTicket {
  const account = sim.data.accountOf('zendesk');
  const nameOf = (id: string | null) => (id ? (account.users.get(id)?.name ?? '') : '');
  for (const ticket of [...account.tickets.values()].reverse()) {
    if (ticket.archived || !['open', 'new', 'pending'].includes(ticket.status)) continue;
    const history = sim.data.requesterTickets(account.host, ticket.requesterId);
    if (history.length < 5 || history.length > 30) continue;
    if (!plain(nameOf(ticket.requesterId)) || !history.every((t) => plain(t.subject))) continue;
    const thread = sim.data.thread(ticket);
    const people = [
      ...thread.comments.map((c) => c.authorId),
      ...thread.audits.flatMap((a) => [
        a.authorId,
        ...a.changes.map((c) => (c.field === 'assignee_id' ? c.value : null)),
      ]),
    ];
    if (people.every((id) => typeof id !== 'string' || plain(nameOf(id)))) return ticket;
  }
  return sim.data.sampleTicket('zendesk');
}

async function main(): Promise<number> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(chromiumMissing());
    return 1;
  }
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
  const sim = await startSimulator({ seed: 1, size: 'demo', latencyMs: 40, jitterMs: 20 });
  const ticket = demoTicket(sim);
  seedTeamCredits(sim);
  const url = `https://acme.zendesk.com/agent/tickets/${ticket.id}`;
  console.log(`Simulated helpdesk on 127.0.0.1:${sim.port} (acme.zendesk.com, acme.freshdesk.com)`);
  const demo = process.argv.includes('--no-gateway') ? null : await startDemoGateway(sim, DEMO_POLICY);
  if (demo) {
    console.log(`Credit gateway on ${demo.url} (${demo.localUrl}, embedded Postgres in memory)`);
    console.log(`Stripe simulator on ${demo.stripe.url} (key ${demo.stripe.secretKey})`);
  } else console.log('No credit gateway (--no-gateway): limits are advisory, no money moves');
  console.log(`Demo ticket: ${url}`);
  const stop = async () => {
    await demo?.close();
    await sim.close();
  };

  mkdirSync(OUT_DIR, { recursive: true });
  const profile = headed ? join(OUT_DIR, 'profile') : mkdtempSync(join(tmpdir(), 'frontline-demo-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: !headed,
    args: demo
      ? withHostRule(chromiumArgs(EXTENSION_DIR, sim.port), demo.hostRule)
      : chromiumArgs(EXTENSION_DIR, sim.port),
    viewport: headed ? null : VIEWPORT,
  });
  // The demo profile gets a self-managed credit policy, as a manager would set on the options page:
  // with a gateway it names only the gateway, which holds the policy and enforces it.
  const policy = demo ? { gateway: { url: demo.url } } : DEMO_POLICY;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await setStorage(worker, { policy });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);

  if (headed) {
    console.log('Chromium is open with Frontline loaded. Press Ctrl-C to stop.');
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      context.on('close', () => done());
    });
    await context.close().catch(() => undefined);
    await stop();
    return 0;
  }

  let frame = await sidebarOf(page);
  await frame.getByTestId('case-history-item').first().waitFor({ timeout: 15_000 });
  await frame.getByTestId('authority-meter').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  const shot = join(OUT_DIR, 'frontline-demo.png');
  await page.screenshot({ path: shot });
  if (process.argv.includes('--readme')) copyFileSync(shot, README_SHOT);
  const outcome = demo ? await grantThroughGateway(frame, sim, demo, ticket) : null;
  const grantShot = join(OUT_DIR, 'frontline-grant.png');
  if (outcome) {
    // The helpdesk page shows the gateway's note only when read again; the sidebar shows the reference.
    await page.reload();
    frame = await sidebarOf(page);
    await frame
      .locator(`[data-testid="grant-status"][data-grant-id="${outcome.grantId}"]`)
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: grantShot });
  }
  if (demo) await setStorage(worker, { credentials: managerCredential(sim) });
  // The manager's view of the same week: the review page, read through the open helpdesk tab.
  const review = await context.newPage();
  await review.setViewportSize({ width: 1280, height: 1400 });
  // Node's URL gives non-web schemes a null origin: build it from the worker's host.
  await review.goto(`chrome-extension://${new URL(worker.url()).host}/review.html`);
  await review.getByTestId('review-chart').waitFor({ timeout: 30_000 });
  await review.getByText(/grants from \d+ tickets/).waitFor({ timeout: 30_000 });
  const reviewShot = join(OUT_DIR, 'frontline-review.png');
  await review.screenshot({ path: reviewShot, fullPage: true });
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps the line breaks a reader needs.
  const shown = await frame.locator('body').innerText();
  console.log(
    `\nScreenshots: ${[shot, ...(outcome ? [grantShot] : []), reviewShot].join(', ')}\n\nThe sidebar shows:\n${shown.replace(/\n{2,}/g, '\n').slice(0, 2000)}`,
  );
  if (outcome) console.log(`\n${describeOutcome(outcome)}`);
  await context.close();
  await stop();
  return outcome && !movedOnce(outcome) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
