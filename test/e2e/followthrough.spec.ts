import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatMarker } from '../../lib/domain/markers';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { expect, launchProfile, openTicket, type Profile, test } from './fixtures';

const HOST = 'acme.zendesk.com';

/** Live tickets no other spec touches (they escalate, grant and pin the sample tickets). */
const ticketsToPin = (sim: Simulator): SimTicket[] =>
  [...sim.data.account(HOST).tickets.values()]
    .filter((t) => !t.archived && ['open', 'pending'].includes(t.status))
    .slice(-3);

async function pin(profile: Profile, sim: Simulator, ticket: SimTicket) {
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await frame.getByTestId('pin-toggle').click();
  await frame.getByTestId('pin-note').fill('Promised a callback');
  await frame.getByTestId('pin-save').click();
  await expect(frame.getByTestId('pin-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.close();
}

async function openList(profile: Profile): Promise<Page> {
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/popup.html`);
  await expect(page.getByTestId('followthrough-list')).toBeVisible();
  return page;
}

test('pinned cases that moved come first after a watcher cycle, opening one clears it, and pins survive a restart', async ({
  sim,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'frontline-restart-'));
  let profile = await launchProfile(sim, dir);
  try {
    const [replied, reported, quiet] = ticketsToPin(sim) as [SimTicket, SimTicket, SimTicket];
    for (const ticket of [quiet, replied, reported]) await pin(profile, sim, ticket);
    // A helpdesk tab stays open: the watcher checks through the agent's session.
    await openTicket(profile, sim.data.ticketUrl(quiet), quiet.subject);

    sim.control.addReply(replied, 'Any news on my refund?');
    const ben = sim.data.userByEmail(HOST, 'ben@acme.test')!;
    const reportBack = formatMarker({
      kind: 'report-back',
      escalation: '00000000-0000-4000-8000-0000000b0ac1',
      by: ben.id,
      returned: false,
    });
    sim.control.addNote(reported, `Billing fixed the double charge.\n\n${reportBack}`, 'ben@acme.test');

    const list = await openList(profile);
    await list.getByTestId('followthrough-check-now').click();
    await expect(list.getByTestId('followthrough-badge')).toHaveText('2', { timeout: 30_000 });
    const items = list.getByTestId('followthrough-item');
    await expect(items).toHaveCount(3);
    const firstTwo = [
      await items.nth(0).getAttribute('data-ticket'),
      await items.nth(1).getAttribute('data-ticket'),
    ];
    expect(firstTwo.sort()).toEqual([replied.id, reported.id].sort());
    await expect(
      list.locator(`[data-testid="followthrough-item"][data-ticket="${replied.id}"]`),
    ).toContainText(/customer replied/i);
    await expect(
      list.locator(`[data-testid="followthrough-item"][data-ticket="${reported.id}"]`),
    ).toContainText(/reported back/i);
    const worker = await profile.serviceWorker();
    const badge = () =>
      worker.evaluate(() =>
        (
          globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
        ).chrome.action.getBadgeText({}),
      );
    expect(await badge()).toBe('2');

    // Opening one is looking at it: its attention state clears.
    await list
      .locator(`[data-testid="followthrough-item"][data-ticket="${replied.id}"]`)
      .getByTestId('followthrough-open')
      .click();
    await expect.poll(badge, { timeout: 15_000 }).toBe('1');

    await profile.close();
    profile = await launchProfile(sim, dir);
    const again = await openList(profile);
    await expect(again.getByTestId('followthrough-item')).toHaveCount(3);
    await expect(again.getByTestId('followthrough-badge')).toHaveText('1');
  } finally {
    await profile.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
