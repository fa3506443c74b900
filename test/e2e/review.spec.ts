import { readFileSync } from 'node:fs';
import type { Frame, Page } from '@playwright/test';
import { periodBounds } from '../../lib/credit/period';
import { findMarker, type Marker } from '../../lib/domain/markers';
import { fences, outlierOf } from '../../lib/domain/review/outliers';
import { countDays } from '../../lib/domain/review/solved';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { seedGrant } from '../sim/testing/grants';
import {
  expect,
  killServiceWorker,
  launchProfile,
  openTicket,
  type Profile,
  setExtensionStorage,
  sidebarFrame,
  test,
} from './fixtures';

const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;
type Helpdesk = keyof typeof HOSTS;
const ZONE = 'Europe/Berlin';

/** Ada is a rep (Standard); Ben approves, with a Manager tier that covers what Ada may not. */
const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: ZONE,
  tiers: [
    { name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 },
    { name: 'Manager', perGrant: 10000, perCustomerPerPeriod: 50000, perPeriod: 500000 },
  ],
  agents: [{ agent: 'ben@acme.test', tier: 'Manager' }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Goodwill'],
  approvers: ['ben@acme.test'],
  undoSeconds: 1,
};

/** Statuses of live cases (Zendesk refuses notes on closed tickets); Freshdesk's 6–9 are the account's own. */
const LIVE = { zendesk: ['new', 'open', 'pending'], freshdesk: ['2', '3', '6', '7', '8', '9'] } as const;
const SOLVED = { zendesk: 'solved', freshdesk: '4' } as const;

const userId = (sim: Simulator, helpdesk: Helpdesk, email: string) =>
  sim.data.userByEmail(HOSTS[helpdesk], email)!.id;

/**
 * Live tickets (Freshdesk cannot search archived ones) no other spec uses (they take
 * the sample ticket) and no earlier approval test of this worker asked on (the
 * rep's sidebar lists a ticket's requests without their ids): `skip` picks one per test.
 */
/**
 * The candidates are listed once per simulator: other specs sharing it solve tickets and
 * tag approval requests as they run, which would shift every index after them (a test
 * asking for the 17th quiet ticket then found none).
 */
const quietTickets = new WeakMap<Simulator, Map<Helpdesk, SimTicket[]>>();
const quietTicket = (sim: Simulator, helpdesk: Helpdesk, skip: number) => {
  const perHelpdesk = quietTickets.get(sim) ?? new Map<Helpdesk, SimTicket[]>();
  quietTickets.set(sim, perHelpdesk);
  let candidates = perHelpdesk.get(helpdesk);
  if (candidates === undefined) {
    const sample = sim.data.sampleTicket(helpdesk);
    const live: readonly string[] = LIVE[helpdesk];
    candidates = [...sim.data.account(HOSTS[helpdesk]).tickets.values()].filter(
      (t) =>
        !t.archived &&
        live.includes(t.status) &&
        !t.tags.includes('frontline_approval_requested') &&
        t.id !== sample.id &&
        t.requesterId !== sample.requesterId,
    );
    perHelpdesk.set(helpdesk, candidates);
  }
  return candidates[10 + skip]!;
};

/** Freshdesk writes go with the agent's own API key; Zendesk's go through the session. */
async function setUp(profile: Profile, sim: Simulator, helpdesk: Helpdesk, email: string) {
  const credentials =
    helpdesk === 'freshdesk'
      ? {
          credentials: {
            [HOSTS.freshdesk]: { helpdesk, apiKey: sim.data.userByEmail(HOSTS.freshdesk, email)!.apiKey! },
          },
        }
      : {};
  await setExtensionStorage(profile, { policy: POLICY, ...credentials });
}

/** A grant by `email` whose reason holds a comma and quotes, for the CSV. */
const grantBy = (sim: Simulator, ticket: SimTicket, email: string, amount: number) =>
  seedGrant(sim, {
    ticket,
    agent: sim.data.userByEmail(ticket.account, email)!,
    amount,
    reason: 'Late delivery, "again"',
  });

/** Every grant the simulator holds this week, per agent key: what the page must show. */
function expectedTotals(sim: Simulator, host: string) {
  const { start, end } = periodBounds(Date.now(), 'week', ZONE);
  const seen = new Set<string>();
  const totals = new Map<string, { count: number; total: number }>();
  for (const ticket of sim.data.account(host).tickets.values()) {
    if (!ticket.tags.includes('frontline_credit')) continue;
    for (const comment of sim.data.comments(host, ticket.id)) {
      const marker = findMarker(comment.body, !comment.public);
      const at = Date.parse(comment.createdAt);
      if (marker?.kind !== 'credit' || seen.has(marker.id) || at < start || at >= end) continue;
      // Only a note its own agent wrote, for the ticket's requester, counts (forged ones are suspect notes).
      if (comment.authorId !== marker.agent || marker.customer !== ticket.requesterId) continue;
      seen.add(marker.id);
      const key = `${host}:${marker.agent}`;
      const sum = totals.get(key) ?? { count: 0, total: 0 };
      totals.set(key, { count: sum.count + 1, total: sum.total + marker.amount });
    }
  }
  return totals;
}

/**
 * Each agent's share of solved cases with a grant by the page's rule
 * (lib/review/solved.ts): their solved or closed tickets updated in the
 * period's UTC days, and of those the ones tagged frontline_credit. Freshdesk's
 * search leaves archived tickets out.
 */
function expectedShare(sim: Simulator, helpdesk: Helpdesk, agentId: string): string {
  const { from, until } = countDays(periodBounds(Date.now(), 'week', ZONE));
  const done = helpdesk === 'zendesk' ? ['solved', 'closed'] : ['4', '5'];
  const solved = [...sim.data.account(HOSTS[helpdesk]).tickets.values()].filter(
    (t) =>
      t.assigneeId === agentId &&
      done.includes(t.status) &&
      t.updatedAt.slice(0, 10) >= from &&
      t.updatedAt.slice(0, 10) < until &&
      !(helpdesk === 'freshdesk' && t.archived),
  );
  const tagged = solved.filter((t) => t.tags.includes('frontline_credit'));
  return solved.length === 0 ? '' : String(tagged.length / solved.length);
}

/** The manager's profile: a helpdesk tab open on `tab` as Ben (the session the review reads through), then the review page. */
async function openReview(profile: Profile, sim: Simulator, tab: SimTicket): Promise<Page> {
  const session = await profile.context.newPage();
  await session.goto(`${sim.data.ticketUrl(tab)}?as=ben@acme.test`);
  await expect((await sidebarFrame(session)).getByTestId('ticket-subject')).toHaveText(tab.subject, {
    timeout: 15_000,
  });
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/review.html`);
  await expect(page.getByTestId('review-agent-summary')).toBeVisible({ timeout: 20_000 });
  return page;
}

/**
 * Opens a ticket while the worker restarts: the first content script may talk
 * to the dying worker and get no sidebar, so one reload is allowed.
 */
async function reopenAfterRestart(profile: Profile, url: string, subject: string) {
  try {
    return await openTicket(profile, url, subject);
  } catch {
    const page = profile.context.pages().at(-1)!;
    await page.reload();
    const frame = await sidebarFrame(page);
    await expect(frame.getByTestId('ticket-subject')).toHaveText(subject, { timeout: 15_000 });
    return { page, frame };
  }
}

async function requestApproval(frame: Frame, amount: string) {
  await frame.getByTestId('grant-custom-amount').fill(amount);
  await frame.getByTestId('approval-request').click();
  await expect(frame.locator('[data-testid="approval-status"][data-state="pending"]')).toHaveCount(1, {
    timeout: 20_000,
  });
}

/** The marker of the one note on `ticket` whose marker `pick` accepts. */
function onlyMarker<T>(sim: Simulator, ticket: SimTicket, pick: (marker: Marker | null) => T | undefined): T {
  const found = sim.data.comments(ticket.account, ticket.id).flatMap((c) => {
    const picked = pick(findMarker(c.body, !c.public));
    return picked === undefined ? [] : [picked];
  });
  expect(found).toHaveLength(1);
  return found[0]!;
}

for (const helpdesk of ['zendesk', 'freshdesk'] as const) {
  const host = HOSTS[helpdesk];

  test(`${helpdesk}: per-agent totals match the simulator’s grants, and the CSV has one row per grant`, async ({
    profile,
    sim,
  }) => {
    await setUp(profile, sim, helpdesk, 'ben@acme.test');
    const seeded = [0, 1, 2].map((i) => quietTicket(sim, helpdesk, i));
    const reviewTab = quietTicket(sim, helpdesk, 3);
    for (const [i, [email, amount]] of (
      [
        ['ada@acme.test', 500],
        ['ada@acme.test', 2500],
        ['ada@acme.test', 1000],
        ['ben@acme.test', 4000],
        ['ben@acme.test', 750],
        ['dmitri@acme.test', 1200],
        ['sara@acme.test', 300],
      ] as const
    ).entries())
      grantBy(sim, seeded[i % 3]!, email, amount);
    const expected = expectedTotals(sim, host);
    expect(expected.size).toBeGreaterThanOrEqual(4);
    // Ada solves a case she credited: her share of solved cases with a grant is above zero.
    const solved = seeded[0]!;
    sim.control.reassign(solved, { assigneeEmail: 'ada@acme.test' });
    sim.control.setStatus(solved, SOLVED[helpdesk]);

    const page = await openReview(profile, sim, reviewTab);
    const bounds = fences([...expected.values()].map((e) => e.total));
    expect(bounds).not.toBeNull();
    for (const [key, { count, total }] of expected) {
      const line = page.locator(`[data-testid="review-agent"][data-agent-key="${key}"]`);
      await expect(line).toHaveAttribute('data-total', String(total));
      await expect(line).toHaveAttribute('data-count', String(count));
      await expect(line).toHaveAttribute('data-share', expectedShare(sim, helpdesk, key.split(':')[1]!));
      // Four agents and up are measured against the team's fences.
      await expect(line).toHaveAttribute('data-outlier', outlierOf(total, bounds) ?? 'no');
    }
    const ada = `${host}:${userId(sim, helpdesk, 'ada@acme.test')}`;
    expect(Number(expectedShare(sim, helpdesk, ada.split(':')[1]!))).toBeGreaterThan(0);
    const grants = [...expected.values()].reduce((n, e) => n + e.count, 0);
    await expect(page.getByTestId('review-chart').getByTestId('review-chart-agent')).toHaveCount(
      expected.size,
    );
    await expect(page.getByTestId('review-daily-chart')).toBeVisible();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('review-export').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    // Reasons hold a comma and quotes: every line break here ends a record only outside quotes.
    const records = csv.split('\r\n').filter((line) => line !== '');
    expect(records).toHaveLength(grants + 1);
    expect(csv).toContain('"Late delivery, ""again"""');

    // The retrospective stack shows solved cases with credits; a coaching note lands on the ticket as a private note.
    const retro = page.getByTestId('retro-stack');
    await expect(retro.getByTestId('retro-grant')).toBeVisible();
    await expect(retro.getByTestId('retro-resolution')).toContainText('Resolution: solved');
    const coachedGrant = await retro.getAttribute('data-grant');
    await retro.getByTestId('retro-note').fill('Good call: check the carrier first next time.');
    await retro.getByTestId('retro-coach').click();
    await expect(retro.getByTestId('retro-coach-status')).toHaveAttribute('data-state', 'done', {
      timeout: 15_000,
    });
    const coaching = [...sim.data.account(host).tickets.values()]
      .flatMap((t) => sim.data.comments(host, t.id))
      .filter((c) => !c.public && c.body.includes(`[frontline:coaching v1 grant=${coachedGrant} by=`));
    expect(coaching).toHaveLength(1);

    await page.getByTestId('review-filter').fill('Ben');
    const bens = expected.get(`${host}:${userId(sim, helpdesk, 'ben@acme.test')}`)!.count;
    await expect(page.getByTestId('review-row')).toHaveCount(bens);
  });

  test(`${helpdesk}: a rep’s approval request is approved (the grant is recorded) and another declined with its reason`, async ({
    profile,
    sim,
  }) => {
    test.setTimeout(120_000);
    await setUp(profile, sim, helpdesk, 'ada@acme.test');
    const approveOn = quietTicket(sim, helpdesk, 5);
    const declineOn = quietTicket(sim, helpdesk, 6);
    const reviewTab = quietTicket(sim, helpdesk, 3);
    const rep = await openTicket(profile, sim.data.ticketUrl(approveOn), approveOn.subject);
    await requestApproval(rep.frame, '40.00');
    const repDecline = await openTicket(profile, sim.data.ticketUrl(declineOn), declineOn.subject);
    await requestApproval(repDecline.frame, '60.00');
    // Both tickets were picked without requests: each holds only this test's.
    const requestId = onlyMarker(sim, approveOn, (m) => (m?.kind === 'approval-request' ? m.id : undefined));

    let grantId: string | undefined;
    const manager = await launchProfile(sim);
    try {
      await setUp(manager, sim, helpdesk, 'ben@acme.test');
      const page = await openReview(manager, sim, reviewTab);
      const queue = page.getByTestId('approval-queue');
      const toApprove = queue.getByTestId('approval-item').filter({ hasText: `#${approveOn.id}` });
      const toDecline = queue.getByTestId('approval-item').filter({ hasText: `#${declineOn.id}` });
      await expect(toApprove).toHaveCount(1);
      await expect(toDecline).toHaveCount(1);

      await toApprove.getByTestId('approve').click();
      await expect(toApprove).toHaveCount(0, { timeout: 20_000 });
      await toDecline.getByTestId('decline-reason').fill('Over the goodwill budget');
      await toDecline.getByTestId('decline').click();
      await expect(toDecline).toHaveCount(0, { timeout: 20_000 });

      // The manager's worker commits the grant after the undo window: keep the profile open until it lands.
      const decision = onlyMarker(sim, approveOn, (m) =>
        m?.kind === 'approval-decision' && m.request === requestId ? m : undefined,
      );
      expect(decision).toMatchObject({ decision: 'approve', by: userId(sim, helpdesk, 'ben@acme.test') });
      grantId = decision.grant;
      expect(grantId).toBeDefined();
      await expect
        .poll(
          () =>
            sim.data
              .comments(approveOn.account, approveOn.id)
              .filter((c) => c.body.includes(`id=${grantId} amount=4000`)),
          { timeout: 20_000 },
        )
        .toHaveLength(1);
    } finally {
      await manager.close();
    }

    // The rep's sidebars show both outcomes on their next refresh (every 15 s), a decline with its reason.
    await expect(
      repDecline.frame.locator('[data-testid="approval-status"][data-state="declined"]'),
    ).toContainText('Over the goodwill budget', { timeout: 30_000 });
    await expect(rep.frame.locator('[data-testid="approval-status"][data-state="approved"]')).toHaveCount(1, {
      timeout: 30_000,
    });
    // The ledger is rebuilt from the helpdesk when a worker starts viewing an account: the approver's grant shows recorded.
    await killServiceWorker(rep.page, profile.extensionId);
    await rep.page.close();
    await repDecline.page.close();
    const { frame } = await reopenAfterRestart(profile, sim.data.ticketUrl(approveOn), approveOn.subject);
    await expect(frame.locator(`[data-testid="grant-status"][data-grant-id="${grantId}"]`)).toHaveAttribute(
      'data-state',
      'recorded',
      { timeout: 30_000 },
    );
  });
}

test('zendesk: a worker stopped in the middle of a load is woken and the load finishes', async ({
  profile,
  sim,
}) => {
  await setUp(profile, sim, 'zendesk', 'ben@acme.test');
  for (const skip of [12, 13, 14, 15, 16, 17])
    grantBy(sim, quietTicket(sim, 'zendesk', skip), 'ada@acme.test', 300);
  const expected = expectedTotals(sim, HOSTS.zendesk);
  const tab = quietTicket(sim, 'zendesk', 3);
  const session = await profile.context.newPage();
  await session.goto(`${sim.data.ticketUrl(tab)}?as=ben@acme.test`);
  await expect((await sidebarFrame(session)).getByTestId('ticket-subject')).toHaveText(tab.subject, {
    timeout: 15_000,
  });
  // Slow enough that the load is still reading tickets when the worker goes.
  sim.control.setLatency(400, 0);
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/review.html`);
  await expect(page.getByTestId('review-status')).toContainText('Loaded', { timeout: 20_000 });
  await killServiceWorker(page, profile.extensionId);
  for (const [key, { count, total }] of expected) {
    const line = page.locator(`[data-testid="review-agent"][data-agent-key="${key}"]`);
    await expect(line).toHaveAttribute('data-total', String(total), { timeout: 60_000 });
    await expect(line).toHaveAttribute('data-count', String(count));
  }
  await expect(page.getByTestId('review-status')).toContainText('grants from', { timeout: 30_000 });
});
