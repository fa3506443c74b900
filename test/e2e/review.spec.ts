import { readFileSync } from 'node:fs';
import type { Frame, Page } from '@playwright/test';
import { periodBounds } from '../../lib/credit/period';
import { findMarker } from '../../lib/domain/markers';
import { creditNoteText } from '../../lib/domain/note-text';
import type { Simulator } from '../sim/server';
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

const HOST = 'acme.zendesk.com';
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

const userId = (sim: Simulator, email: string) => sim.data.userByEmail(HOST, email)!.id;

/** Open tickets (a closed one refuses notes) no other spec uses (they take the sample ticket): `skip` picks one per test. */
const quietTicket = (sim: Simulator, skip: number) => {
  const sample = sim.data.sampleTicket('zendesk');
  return [...sim.data.account(HOST).tickets.values()].filter(
    (t) =>
      !t.archived &&
      ['new', 'open', 'pending'].includes(t.status) &&
      t.id !== sample.id &&
      t.requesterId !== sample.requesterId,
  )[10 + skip]!;
};

/** Writes a credit note as `email` would have, with the tag search finds it by. */
function seedGrant(sim: Simulator, ticketIndex: number, email: string, amount: number) {
  const ticket = quietTicket(sim, ticketIndex);
  const marker = {
    kind: 'credit' as const,
    id: crypto.randomUUID(),
    amount,
    currency: 'USD',
    agent: userId(sim, email),
    customer: ticket.requesterId,
    reason: 'Late delivery, "again"',
  };
  sim.control.addNote(ticket, creditNoteText(marker, sim.data.userByEmail(HOST, email)!.name), email);
  if (!ticket.tags.includes('frontline_credit')) ticket.tags.push('frontline_credit');
}

/** Every grant the simulator holds this week, per agent key: what the page must show. */
function expectedTotals(sim: Simulator) {
  const { start, end } = periodBounds(Date.now(), 'week', ZONE);
  const seen = new Set<string>();
  const totals = new Map<string, { count: number; total: number }>();
  for (const ticket of sim.data.account(HOST).tickets.values()) {
    if (!ticket.tags.includes('frontline_credit')) continue;
    for (const comment of sim.data.comments(HOST, ticket.id)) {
      const marker = findMarker(comment.body, !comment.public);
      const at = Date.parse(comment.createdAt);
      if (marker?.kind !== 'credit' || seen.has(marker.id) || at < start || at >= end) continue;
      seen.add(marker.id);
      const key = `${HOST}:${marker.agent}`;
      const sum = totals.get(key) ?? { count: 0, total: 0 };
      totals.set(key, { count: sum.count + 1, total: sum.total + marker.amount });
    }
  }
  return totals;
}

/** The manager's profile: a helpdesk tab open as Ben (the session the review reads through), then the review page. */
async function openReview(profile: Profile, sim: Simulator): Promise<Page> {
  const ticket = quietTicket(sim, 10);
  const tab = await profile.context.newPage();
  await tab.goto(`${sim.data.ticketUrl(ticket)}?as=ben@acme.test`);
  await expect((await sidebarFrame(tab)).getByTestId('ticket-subject')).toHaveText(ticket.subject, {
    timeout: 15_000,
  });
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/review.html`);
  await expect(page.getByTestId('review-agent-summary')).toBeVisible({ timeout: 20_000 });
  return page;
}

test('per-agent totals match the simulator’s grants, and the CSV has one row per grant', async ({
  profile,
  sim,
}) => {
  await setExtensionStorage(profile, { policy: POLICY });
  for (const [i, [email, amount]] of (
    [
      ['ada@acme.test', 500],
      ['ada@acme.test', 2500],
      ['ada@acme.test', 1000],
      ['ben@acme.test', 4000],
      ['ben@acme.test', 750],
    ] as const
  ).entries())
    seedGrant(sim, i % 3, email, amount);
  const expected = expectedTotals(sim);
  expect(expected.size).toBeGreaterThanOrEqual(2);
  const solved = quietTicket(sim, 0);
  sim.control.setStatus(solved, 'solved');

  const page = await openReview(profile, sim);
  for (const [key, { count, total }] of expected) {
    const line = page.locator(`[data-testid="review-agent"][data-agent-key="${key}"]`);
    await expect(line).toHaveAttribute('data-total', String(total));
    await expect(line).toHaveAttribute('data-count', String(count));
  }
  const grants = [...expected.values()].reduce((n, e) => n + e.count, 0);
  await expect(page.getByTestId('review-chart').getByTestId('review-chart-agent')).toHaveCount(expected.size);
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
  const coachedGrant = await retro.getAttribute('data-grant');
  await retro.getByTestId('retro-note').fill('Good call: check the carrier first next time.');
  await retro.getByTestId('retro-coach').click();
  await expect(retro.getByTestId('retro-coach-status')).toHaveAttribute('data-state', 'done', {
    timeout: 15_000,
  });
  const coaching = [...sim.data.account(HOST).tickets.values()]
    .flatMap((t) => sim.data.comments(HOST, t.id))
    .filter((c) => !c.public && c.body.includes(`[frontline:coaching v1 grant=${coachedGrant} by=`));
  expect(coaching).toHaveLength(1);

  await page.getByTestId('review-filter').fill('Ben');
  const bens = expected.get(`${HOST}:${userId(sim, 'ben@acme.test')}`)!.count;
  await expect(page.getByTestId('review-row')).toHaveCount(bens);
});

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

test('a rep’s approval request is approved (the grant is recorded) and another declined with its reason', async ({
  profile,
  sim,
}) => {
  test.setTimeout(120_000);
  await setExtensionStorage(profile, { policy: POLICY });
  const approveOn = quietTicket(sim, 5);
  const declineOn = quietTicket(sim, 6);
  const rep = await openTicket(profile, sim.data.ticketUrl(approveOn), approveOn.subject);
  await requestApproval(rep.frame, '40.00');
  const repDecline = await openTicket(profile, sim.data.ticketUrl(declineOn), declineOn.subject);
  await requestApproval(repDecline.frame, '60.00');

  let grantId: string | undefined;
  const manager = await launchProfile(sim);
  try {
    await setExtensionStorage(manager, { policy: POLICY });
    const page = await openReview(manager, sim);
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
    const decision = sim.data
      .comments(HOST, approveOn.id)
      .map((c) => findMarker(c.body, !c.public))
      .find((m) => m?.kind === 'approval-decision');
    expect(decision).toMatchObject({ decision: 'approve', by: userId(sim, 'ben@acme.test') });
    grantId = decision?.kind === 'approval-decision' ? decision.grant : undefined;
    await expect
      .poll(
        () =>
          sim.data.comments(HOST, approveOn.id).filter((c) => c.body.includes(`id=${grantId} amount=4000`)),
        {
          timeout: 20_000,
        },
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
