import { cpSync, existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  EXTENSION_DIR,
  expect,
  launchProfile,
  openTicket,
  type Profile,
  setExtensionStorage,
  sidebarFrame,
  test,
} from './fixtures';

/**
 * A managed (organization) credit policy that disappears keeps credits off; the
 * self-managed policy in storage.local, which the rep can edit, is not used
 * until the policy is restored or deliberately forgotten on the options page.
 */

const SELF_MANAGED = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [{ name: 'Standard', perGrant: 400_000, perCustomerPerPeriod: 400_000, perPeriod: 400_000 }],
  defaultTier: 'Standard',
  presets: [500, 1000],
  reasons: ['Goodwill'],
  undoSeconds: 1,
};
const MANAGED = { ...SELF_MANAGED, tiers: [{ ...SELF_MANAGED.tiers[0], perGrant: 2_500 }] };

const VANISHED = 'Your organization’s credit policy is no longer readable';

const openOptions = async (profile: Profile): Promise<Page> => {
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/options.html`);
  return page;
};

test('a vanished managed policy: the sidebar keeps credits off with the reason, the options page shows it and forgets it on request', async ({
  profile,
  sim,
}) => {
  // What the profile remembers once it has read an organization's policy, and the rep's own policy beside it.
  await setExtensionStorage(profile, {
    policy: SELF_MANAGED,
    managedPolicySeen: { since: Date.UTC(2026, 10, 1) },
    managedPolicySeen$: { v: 1 },
  });
  const ticket = sim.data.sampleTicket('zendesk');
  const { page, frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect(frame.getByTestId('credit-disabled')).toContainText(VANISHED);
  await expect(frame.getByTestId('grant-preset')).toHaveCount(0);

  const options = await openOptions(profile);
  const state = options.getByTestId('managed-state');
  await expect(state).toHaveAttribute('data-state', 'vanished');
  await expect(options.getByTestId('managed-vanished')).toContainText(VANISHED);
  await expect(state).toContainText('self-managed policy on this page applies');
  await options.getByTestId('managed-forget').click();
  await expect(state).toHaveCount(0);

  await page.reload();
  const again = await sidebarFrame(page);
  await expect(again.getByTestId('grant-preset').first()).toBeVisible({ timeout: 15_000 });
  await expect(again.getByTestId('credit-source')).toHaveText('Self-managed policy');
});

/**
 * Chromium's real enterprise policy: a file in /etc/chromium/policies/managed
 * naming only the extension id of a private copy of the build. Unpacked
 * extensions get their id from their folder, so the policy reaches none of the
 * profiles other tests run at the same time, and the file is removed again.
 * Skipped where that folder cannot be written (not root).
 */
const POLICY_DIR = '/etc/chromium/policies/managed';

/** Creates the policy folder if needed; returns the folders it created (to remove after), or null if it cannot. */
function policyFolder(): string[] | null {
  const created: string[] = [];
  try {
    for (const folder of ['/etc/chromium', '/etc/chromium/policies', POLICY_DIR]) {
      if (existsSync(folder)) continue;
      mkdirSync(folder);
      created.unshift(folder);
    }
    return created;
  } catch {
    for (const folder of created) rmdirSync(folder);
    return null;
  }
}

test('a vanished managed policy, end to end with Chromium enterprise policy: removed → credits off; restored → managed again', async ({
  sim,
}) => {
  const created = policyFolder();
  test.skip(created === null, `${POLICY_DIR} cannot be written here`);
  test.setTimeout(120_000);
  const ticket = sim.data.sampleTicket('zendesk');
  const build = join(mkdtempSync(join(tmpdir(), 'frontline-build-')), 'chrome-mv3');
  cpSync(EXTENSION_DIR, build, { recursive: true });
  let profile = await launchProfile(sim, undefined, build);
  const dir = profile.dir;
  const file = join(POLICY_DIR, `frontline-e2e-${profile.extensionId}.json`);
  const restart = async () => {
    await profile.context.close();
    profile = await launchProfile(sim, dir, build);
  };
  try {
    await setExtensionStorage(profile, { policy: SELF_MANAGED });
    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [profile.extensionId]: MANAGED } } }));
    await restart();
    let opened = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    await expect(opened.frame.getByTestId('credit-source')).toHaveText('Managed by your organization', {
      timeout: 15_000,
    });

    rmSync(file);
    await restart();
    opened = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    await expect(opened.frame.getByTestId('credit-disabled')).toContainText(VANISHED);
    await expect(opened.frame.getByTestId('grant-preset')).toHaveCount(0);
    const options = await openOptions(profile);
    await expect(options.getByTestId('managed-state')).toHaveAttribute('data-state', 'vanished');

    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [profile.extensionId]: MANAGED } } }));
    await restart();
    opened = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
    await expect(opened.frame.getByTestId('credit-source')).toHaveText('Managed by your organization', {
      timeout: 15_000,
    });
    const back = await openOptions(profile);
    await expect(back.getByTestId('managed-state')).toHaveAttribute('data-state', 'present');
    await expect(back.getByTestId('managed-forget')).toHaveCount(0);
  } finally {
    rmSync(file, { force: true });
    // Only the folders this test made, and only while empty (rmdirSync refuses otherwise).
    for (const folder of created ?? []) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty: something else keeps a policy there now, so it stays.
      }
    }
    await profile.context.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dirname(build), { recursive: true, force: true });
  }
});
