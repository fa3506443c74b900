import { rmSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { grant, grantRow, newCreditNotes, UNBOUND_POLICY } from './credit-steps';
import {
  expect,
  killServiceWorker,
  launchProfile,
  openTicket,
  type Profile,
  setExtensionStorage,
  test,
} from './fixtures';

const CNAME = 'support.acme.test';
const ACCOUNT = 'acme.freshdesk.com';
const ORIGIN = `https://${CNAME}/*`;

/** `chrome` in the extension's worker; the test's own types do not know it. */
type Chrome = {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
  permissions: {
    getAll(): Promise<{ origins?: string[] }>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
};
const registered = (worker: Worker) =>
  worker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.scripting
      .getRegisteredContentScripts()
      .then((scripts) => scripts.map((s) => s.id)),
  );
const grantedOrigins = (worker: Worker) =>
  worker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.permissions.getAll().then((p) => p.origins ?? []),
  );

/**
 * Chrome's `permissions.request` prompt is native UI, which headless Chromium cannot answer:
 * the `--apps-gallery-install-auto-confirm-for-tests` switch is gone from Chromium 156 (the
 * binary no longer holds the string) and ScopedTestDialogAutoConfirm is reachable only from
 * Chromium's own C++ tests. So the rep's "yes" is given the other way Chrome offers them:
 * chrome://extensions → Frontline → Site access → add a site, whose page calls
 * `developerPrivate.addHostPermission`. Chrome then answers the options page's
 * `permissions.request` on the click with `true` without a prompt, and the rest of the path
 * (request, save, register, load) is the real one. The prompt itself is not tested here.
 */
async function allowInSiteAccess(profile: Profile, host: string): Promise<void> {
  const page = await profile.context.newPage();
  await page.goto(`chrome://extensions/?id=${profile.extensionId}`);
  await page.evaluate(
    ([id, origin]) =>
      (
        globalThis as unknown as {
          chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
        }
      ).chrome.developerPrivate.addHostPermission(id as string, origin as string),
    [profile.extensionId, `https://${host}/*`],
  );
  await page.close();
}

async function optionsPage(profile: Profile): Promise<Page> {
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/options.html`);
  await expect(page.getByTestId('helpdesk-hosts')).toBeVisible();
  return page;
}

/** The rep adds the host on the options page with one click; the browser grants it. */
async function addHost(profile: Profile): Promise<Page> {
  await allowInSiteAccess(profile, CNAME);
  const page = await optionsPage(profile);
  await page.getByTestId('host-input').fill(`https://${CNAME}/`);
  await page.getByTestId('host-account').fill(ACCOUNT);
  await page.getByTestId('host-add').click();
  await expect(page.locator(`[data-testid="host-row"][data-host="${CNAME}"]`)).toHaveAttribute(
    'data-state',
    'on',
  );
  const worker = await profile.serviceWorker();
  await expect.poll(() => registered(worker)).toEqual([`frontline-host:${CNAME}`]);
  return page;
}

const sidebarHost = (page: Page) => page.locator('[data-testid="frontline-sidebar"]');

test('a Freshdesk account on support.acme.test loads the sidebar and grants', async ({ profile, sim }) => {
  const apiKey = sim.data.userByEmail(ACCOUNT, 'ada@acme.test')!.apiKey!;
  await setExtensionStorage(profile, {
    policy: UNBOUND_POLICY,
    credentials: { [ACCOUNT]: { helpdesk: 'freshdesk', apiKey } },
  });
  await addHost(profile);
  expect(await grantedOrigins(await profile.serviceWorker())).toContain(ORIGIN);

  const ticket = sim.data.sampleTicket('freshdesk');
  sim.control.resetLog();
  const { frame } = await openTicket(profile, `https://${CNAME}/a/tickets/${ticket.id}`, ticket.subject);
  const written = newCreditNotes(sim, ACCOUNT, ticket.id);
  await expect(frame.getByTestId('authority-meter')).toBeVisible();
  const id = await grant(frame, 2);
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout: 30_000 });
  expect(written()).toHaveLength(1);
  expect(sim.data.ticket(ACCOUNT, ticket.id)!.tags).toContain('frontline_credit');

  const api = sim.control.log().entries.filter((e) => e.path.startsWith('/api/v2/'));
  // Reads ran in the tab, on the page's own host, with the agent's session…
  expect(api.filter((e) => e.host === CNAME && e.auth === 'session').length).toBeGreaterThan(0);
  // …and the API key went only to the canonical account (the CNAME answers it 404).
  expect(api.filter((e) => e.host === CNAME && e.auth !== 'session')).toEqual([]);
  expect(api.filter((e) => e.host === ACCOUNT && e.auth === 'token').length).toBeGreaterThan(0);
});

test('a removed custom host stops loading and gives its permission back', async ({ profile, sim }) => {
  const options = await addHost(profile);
  await options.locator(`[data-testid="host-row"][data-host="${CNAME}"]`).getByTestId('host-remove').click();
  await expect(options.getByTestId('host-row')).toHaveCount(0);
  const worker = await profile.serviceWorker();
  await expect.poll(() => registered(worker)).toEqual([]);
  expect(await grantedOrigins(worker)).not.toContain(ORIGIN);

  const ticket = sim.data.sampleTicket('freshdesk');
  const page = await profile.context.newPage();
  await page.goto(`https://${CNAME}/a/tickets/${ticket.id}`);
  await page.waitForTimeout(1500);
  await expect(sidebarHost(page)).toHaveCount(0);
});

test('a custom host whose permission is revoked stops loading', async ({ profile, sim }) => {
  await addHost(profile);
  const worker = await profile.serviceWorker();
  // What chrome://extensions does when the rep takes the site away: permissions.onRemoved fires.
  await worker.evaluate(
    (origin) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.permissions.remove({ origins: [origin] }),
    ORIGIN,
  );
  await expect.poll(() => registered(worker)).toEqual([]);

  const ticket = sim.data.sampleTicket('freshdesk');
  const page = await profile.context.newPage();
  await page.goto(`https://${CNAME}/a/tickets/${ticket.id}`);
  await page.waitForTimeout(1500);
  await expect(sidebarHost(page)).toHaveCount(0);
});

test('a custom host the browser has not granted is neither saved nor registered', async ({ profile }) => {
  const page = await optionsPage(profile);
  await page.getByTestId('host-input').fill(CNAME);
  await page.getByTestId('host-account').fill(ACCOUNT);
  // The request waits on Chrome's native prompt, which nobody answers here.
  await page.getByTestId('host-add').click();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('host-row')).toHaveCount(0);
  expect(await registered(await profile.serviceWorker())).toEqual([]);
});

test('the options page refuses a wildcard or a Zendesk account before asking the browser', async ({
  profile,
}) => {
  const page = await optionsPage(profile);
  await page.getByTestId('host-input').fill('*.acme.test');
  await page.getByTestId('host-account').fill(ACCOUNT);
  await page.getByTestId('host-add').click();
  await expect(page.getByTestId('host-notice')).toContainText('No wildcards');
  await page.getByTestId('host-input').fill(CNAME);
  await page.getByTestId('host-account').fill('acme.zendesk.com');
  await page.getByTestId('host-add').click();
  await expect(page.getByTestId('host-notice')).toContainText('agents stay on acme.zendesk.com');
});

test('a custom host keeps loading after the worker stops and after a browser restart', async ({ sim }) => {
  const ticket = sim.data.sampleTicket('freshdesk');
  const url = `https://${CNAME}/a/tickets/${ticket.id}`;
  const first = await launchProfile(sim);
  try {
    await addHost(first);
    const { page } = await openTicket(first, url, ticket.subject);
    // The next port reaches a fresh worker, which must rebuild its host table before checking it.
    await killServiceWorker(page, first.extensionId);
    await page.reload();
    await openTicket(first, url, ticket.subject);
    await first.context.close();
    const again = await launchProfile(sim, first.dir);
    try {
      // An unpacked extension is loaded afresh at each launch, which drops its dynamic scripts:
      // the worker's first pass registers the host again.
      const worker = await again.serviceWorker();
      await expect.poll(() => registered(worker)).toEqual([`frontline-host:${CNAME}`]);
      await openTicket(again, url, ticket.subject);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(first.dir, { recursive: true, force: true });
  }
});
