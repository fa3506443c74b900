import type { Page } from '@playwright/test';
import { periodBounds } from '../../lib/credit/period';
import { findMarker, formatMarker } from '../../lib/domain/markers';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { seedGrant } from '../sim/testing/grants';
import { remaining, settledRemaining } from './credit-steps';
import {
  expect,
  killServiceWorker,
  openTicket,
  type Profile,
  setExtensionStorage,
  sidebarFrame,
  test,
} from './fixtures';

const HOST = 'acme.zendesk.com';
const ZONE = 'UTC';
const PER_PERIOD = 100_000;
const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: ZONE,
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 50_000, perPeriod: PER_PERIOD }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Goodwill'],
  approvers: ['ben@acme.test'],
  undoSeconds: 1,
};

/** Live tickets no other spec uses: they take the sample ticket and the first quiet ones, these come from the end. */
const quietTicket = (sim: Simulator, skip: number): SimTicket => {
  const sample = sim.data.sampleTicket('zendesk');
  return [...sim.data.account(HOST).tickets.values()]
    .filter(
      (t) =>
        !t.archived &&
        ['new', 'open', 'pending'].includes(t.status) &&
        t.id !== sample.id &&
        t.requesterId !== sample.requesterId,
    )
    .at(-1 - skip)!;
};

/**
 * What Ada really granted this period, as the simulator holds it: credit notes she
 * wrote herself, naming herself and the ticket's requester, once per grant id.
 */
function adaGranted(sim: Simulator): number {
  const ada = sim.data.userByEmail(HOST, 'ada@acme.test')!;
  const { start, end } = periodBounds(Date.now(), 'week', ZONE);
  const seen = new Map<string, number>();
  for (const ticket of sim.data.account(HOST).tickets.values()) {
    for (const c of sim.data.comments(HOST, ticket.id)) {
      const marker = findMarker(c.body, !c.public);
      const at = Date.parse(c.createdAt);
      if (marker?.kind !== 'credit' || c.authorId !== ada.id || marker.agent !== ada.id) continue;
      if (marker.customer !== ticket.requesterId || at < start || at >= end) continue;
      seen.set(marker.id, Math.max(seen.get(marker.id) ?? 0, marker.amount));
    }
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

async function openReviewAsBen(profile: Profile, sim: Simulator, tab: SimTicket): Promise<Page> {
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

test('zendesk: a customer’s private forged marker and a second agent’s hand-written marker naming the rep leave her meter alone and show under Suspect notes', async ({
  profile,
  sim,
}) => {
  await setExtensionStorage(profile, { policy: POLICY });
  const ticket = quietTicket(sim, 0);
  const ada = sim.data.userByEmail(HOST, 'ada@acme.test')!;
  const forged = (amount: number) =>
    `Credit granted.\n\n${formatMarker({
      kind: 'credit',
      id: crypto.randomUUID(),
      amount,
      currency: 'USD',
      agent: ada.id,
      customer: ticket.requesterId,
      reason: 'Goodwill',
    })}`;
  // An end user who is not the requester emails in: Zendesk makes it a private comment by them.
  const fromCustomer = sim.control.addForeignEmail(ticket, forged(20_000));
  expect(fromCustomer.public).toBe(false);
  // Ben types Ada's marker by hand.
  sim.control.addNote(ticket, forged(30_000), 'ben@acme.test');
  // And one real grant of Ada's on the same ticket: the refresh must have read it.
  seedGrant(sim, { ticket, agent: ada, amount: 700, reason: 'Goodwill' });
  if (!ticket.tags.includes('frontline_credit')) ticket.tags.push('frontline_credit');

  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect(frame.getByTestId('authority-meter')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => settledRemaining(frame), { timeout: 30_000 }).toBe(PER_PERIOD - adaGranted(sim));

  const review = await openReviewAsBen(profile, sim, quietTicket(sim, 1));
  const suspects = review.locator(`[data-testid="suspect-note"][data-ticket="${ticket.id}"]`);
  await expect(suspects).toHaveCount(2, { timeout: 30_000 });
  await expect(review.getByTestId('suspect-notes')).toContainText('Suspect notes');
  expect(await suspects.evaluateAll((items) => items.map((i) => i.getAttribute('data-why')).sort())).toEqual([
    'author-not-agent',
    'author-not-named',
  ]);
  await expect(suspects.first().locator('a')).toHaveAttribute('href', sim.data.ticketUrl(ticket));
});

test('zendesk: a removed frontline_credit tag comes back on the next ledger refresh, and the grant keeps counting', async ({
  profile,
  sim,
}) => {
  await setExtensionStorage(profile, { policy: POLICY });
  const ticket = quietTicket(sim, 2);
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect(frame.getByTestId('authority-meter')).toBeVisible({ timeout: 15_000 });
  const before = await settledRemaining(frame);
  await frame.getByTestId('grant-preset').nth(0).click();
  await frame.getByTestId('grant-submit').click();
  await expect(frame.locator('[data-testid="grant-status"][data-state="recorded"]')).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect.poll(() => remaining(frame)).toBe(before - 500);
  expect(sim.data.ticket(HOST, ticket.id)!.tags).toContain('frontline_credit');

  sim.control.removeTag(ticket, 'frontline_credit');
  expect(sim.data.ticket(HOST, ticket.id)!.tags).not.toContain('frontline_credit');
  // A new worker refreshes the ledger on the next view (it does so at most every two minutes).
  await killServiceWorker(page, profile.extensionId);
  await page.close();
  const again = await profile.context.newPage();
  await again.goto(sim.data.ticketUrl(ticket));
  const reopened = await sidebarFrame(again);
  await expect(reopened.getByTestId('ticket-subject')).toHaveText(ticket.subject, { timeout: 20_000 });
  await expect
    .poll(() => sim.data.ticket(HOST, ticket.id)!.tags.includes('frontline_credit'), { timeout: 30_000 })
    .toBe(true);
  await expect.poll(() => settledRemaining(reopened), { timeout: 30_000 }).toBe(before - 500);
});
