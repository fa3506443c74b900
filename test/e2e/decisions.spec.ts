import type { Frame, Page } from '@playwright/test';
import { findMarker, type Marker } from '../../lib/domain/markers';
import type { SimTicket } from '../sim/data/model';
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
const UNDO_SECONDS = 3;

/** Ada is a rep (Standard); Ben approves, with a Manager tier that covers what Ada may not. */
const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [
    { name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 10000 },
    { name: 'Manager', perGrant: 10000, perCustomerPerPeriod: 50000, perPeriod: 500000 },
  ],
  agents: [{ agent: 'ben@acme.test', tier: 'Manager' }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Goodwill'],
  approvers: ['ben@acme.test'],
  undoSeconds: UNDO_SECONDS,
};

const userId = (sim: Simulator, email: string) => sim.data.userByEmail(HOST, email)!.id;

/**
 * Live tickets no other spec uses (they take the sample ticket, and the review spec the
 * eleventh on of this list): one per test. A ticket asked on leaves the list.
 */
const quietTicket = (sim: Simulator, skip: number): SimTicket => {
  const sample = sim.data.sampleTicket('zendesk');
  return [...sim.data.account(HOST).tickets.values()].filter(
    (t) =>
      !t.archived &&
      ['new', 'open', 'pending'].includes(t.status) &&
      !t.tags.includes('frontline_approval_requested') &&
      t.id !== sample.id &&
      t.requesterId !== sample.requesterId,
  )[skip]!;
};

const markersOn = (sim: Simulator, ticket: SimTicket): Marker[] =>
  sim.data.comments(HOST, ticket.id).flatMap((c) => {
    const marker = findMarker(c.body, !c.public);
    return marker === null ? [] : [marker];
  });

const creditsFor = (sim: Simulator, ticket: SimTicket, requestId: string) =>
  markersOn(sim, ticket).filter((m) => m.kind === 'credit' && m.request === requestId);

const decisionsFor = (sim: Simulator, ticket: SimTicket, requestId: string) =>
  markersOn(sim, ticket).filter((m) => m.kind === 'approval-decision' && m.request === requestId);

/** Ada, in the fixture's profile, asks for a credit over her limit on `ticket`; returns the request id. */
async function adaRequests(profile: Profile, sim: Simulator, ticket: SimTicket): Promise<string> {
  await setExtensionStorage(profile, { policy: POLICY });
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await frame.getByTestId('grant-custom-amount').fill('40.00');
  await frame.getByTestId('approval-request').click();
  await expect(frame.locator('[data-testid="approval-status"][data-state="pending"]')).toHaveCount(1, {
    timeout: 20_000,
  });
  let id: string | undefined;
  await expect
    .poll(() => {
      id = markersOn(sim, ticket).flatMap((m) => (m.kind === 'approval-request' ? [m.id] : []))[0];
      return id;
    })
    .toBeDefined();
  return id!;
}

/** Ben's profile with one helpdesk page open at `path` (a ticket, or the dashboard alone). */
async function managerAt(sim: Simulator, path: string): Promise<Profile> {
  const manager = await launchProfile(sim);
  await setExtensionStorage(manager, { policy: POLICY });
  const session = await manager.context.newPage();
  await session.goto(`https://${HOST}${path}?as=ben@acme.test`);
  await expect(session.locator('[data-sim="agent-name"]')).toContainText('Ben', { timeout: 15_000 });
  return manager;
}

/** A review page, once its queue lists the request on `ticket`. */
async function reviewWith(
  manager: Profile,
  ticket: SimTicket,
): Promise<{ page: Page; item: ReturnType<Page['locator']> }> {
  const page = await manager.context.newPage();
  await page.goto(`chrome-extension://${manager.extensionId}/review.html`);
  const item = page
    .getByTestId('approval-queue')
    .getByTestId('approval-item')
    .filter({ hasText: `#${ticket.id}` });
  await expect(item).toHaveCount(1, { timeout: 30_000 });
  return { page, item };
}

test('two review tabs approving the same request at once write one credit', async ({ profile, sim }) => {
  test.setTimeout(120_000);
  const ticket = quietTicket(sim, 0);
  const requestId = await adaRequests(profile, sim, ticket);
  const manager = await managerAt(sim, new URL(sim.data.ticketUrl(quietTicket(sim, 1))).pathname);
  try {
    const one = await reviewWith(manager, ticket);
    const two = await reviewWith(manager, ticket);
    const credits = () => markersOn(sim, ticket).filter((m) => m.kind === 'credit');
    const before = credits().length;
    await Promise.all([one.item.getByTestId('approve').click(), two.item.getByTestId('approve').click()]);
    await expect(one.item).toHaveCount(0, { timeout: 20_000 });
    await expect(two.item).toHaveCount(0, { timeout: 20_000 });
    await expect.poll(() => credits().length - before, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    // Both undo windows are long over: a second grant would have been written by now.
    await one.page.waitForTimeout((UNDO_SECONDS + 3) * 1000);
    expect(credits().length - before).toBe(1);
    expect(creditsFor(sim, ticket, requestId)).toHaveLength(1);
    expect(decisionsFor(sim, ticket, requestId)).toHaveLength(1);
  } finally {
    await manager.close();
  }
});

test('after a sign-out and another agent’s sign-in, the sidebar shows their limits and a grant goes out under them', async ({
  profile,
  sim,
}) => {
  test.setTimeout(90_000);
  await setExtensionStorage(profile, { policy: POLICY });
  const ticket = quietTicket(sim, 2);
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect(frame.locator('.fl-credit__tier')).toContainText('Standard', { timeout: 15_000 });

  await page.goto(`https://${HOST}/access/logout`);
  await page.goto(`${sim.data.ticketUrl(ticket)}?as=ben@acme.test`);
  const ben: Frame = await sidebarFrame(page);
  await expect(ben.getByTestId('ticket-subject')).toHaveText(ticket.subject, { timeout: 15_000 });
  await expect(ben.locator('.fl-credit__tier')).toContainText('Manager', { timeout: 15_000 });

  const before = markersOn(sim, ticket).filter((m) => m.kind === 'credit').length;
  await ben.getByTestId('grant-preset').nth(0).click();
  await ben.getByTestId('grant-submit').click();
  await expect
    .poll(() => markersOn(sim, ticket).filter((m) => m.kind === 'credit').length, { timeout: 30_000 })
    .toBe(before + 1);
  const credit = markersOn(sim, ticket)
    .filter((m) => m.kind === 'credit')
    .at(-1);
  expect(credit).toMatchObject({ agent: userId(sim, 'ben@acme.test'), amount: 500 });
});

test('an approver with only the dashboard open approves, and the credit is recorded within the undo window', async ({
  profile,
  sim,
}) => {
  test.setTimeout(120_000);
  const ticket = quietTicket(sim, 3);
  const requestId = await adaRequests(profile, sim, ticket);
  const manager = await managerAt(sim, '/agent/dashboard');
  try {
    const { item } = await reviewWith(manager, ticket);
    const clicked = Date.now();
    await item.getByTestId('approve').click();
    await expect(item).toHaveCount(0, { timeout: 20_000 });
    await expect
      .poll(() => creditsFor(sim, ticket, requestId).length, {
        timeout: (UNDO_SECONDS + 5) * 1000,
        intervals: [250],
      })
      .toBe(1);
    const took = Date.now() - clicked;
    console.log(`dashboard-only approval: credit note ${took} ms after the click`);
    expect(decisionsFor(sim, ticket, requestId)).toEqual([
      expect.objectContaining({ decision: 'approve', by: userId(sim, 'ben@acme.test') }),
    ]);
  } finally {
    await manager.close();
  }
});

test('a worker stopped after its decision note failed: the restarted worker writes the decision from the outbox, once, and grants nothing more', async ({
  profile,
  sim,
}) => {
  test.setTimeout(150_000);
  const ticket = quietTicket(sim, 4);
  const requestId = await adaRequests(profile, sim, ticket);
  const manager = await managerAt(sim, new URL(sim.data.ticketUrl(quietTicket(sim, 5))).pathname);
  try {
    const { page, item } = await reviewWith(manager, ticket);
    // The decision note fails (the first write after the reservation), then the worker goes.
    sim.control.addFault({ route: `/api/v2/tickets/${ticket.id}*`, method: 'PUT', kind: '500', times: 1 });
    await item.getByTestId('approve').click();
    await expect(item.getByTestId('approval-decision-status')).toHaveAttribute('data-state', 'failed', {
      timeout: 20_000,
    });
    await expect(item.getByTestId('approval-decision-status')).toContainText('not yet on the ticket');
    await killServiceWorker(page, manager.extensionId);
    // The restarted worker works both outboxes: the reserved grant commits, the decision is written.
    await expect.poll(() => creditsFor(sim, ticket, requestId).length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => decisionsFor(sim, ticket, requestId).length, { timeout: 60_000 }).toBe(1);
    const grant = creditsFor(sim, ticket, requestId)[0];
    expect(decisionsFor(sim, ticket, requestId)).toEqual([
      expect.objectContaining({ decision: 'approve', grant: grant?.kind === 'credit' ? grant.id : 'none' }),
    ]);

    await page.reload();
    await expect(page.getByTestId('review-status')).toContainText('grants from', { timeout: 30_000 });
    await expect(
      page
        .getByTestId('approval-queue')
        .getByTestId('approval-item')
        .filter({ hasText: `#${ticket.id}` }),
    ).toHaveCount(0);
    await page.waitForTimeout((UNDO_SECONDS + 2) * 1000);
    expect(creditsFor(sim, ticket, requestId)).toHaveLength(1);
    expect(decisionsFor(sim, ticket, requestId)).toHaveLength(1);
  } finally {
    await manager.close();
  }
});
