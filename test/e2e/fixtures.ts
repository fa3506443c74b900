import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  expect,
  type Frame,
  type Page,
  type Worker,
} from '@playwright/test';
import { type Simulator, startSimulator } from '../sim/server';
import { chromiumArgs, chromiumMissing, findChromium } from '../support/chromium';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

export interface Profile {
  context: BrowserContext;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

/**
 * A Chromium profile with the production build loaded: fresh, or an existing
 * profile folder again (a browser restart), which close() then keeps.
 */
export async function launchProfile(
  sim: Simulator,
  reuse?: string,
  extensionDir = EXTENSION_DIR,
): Promise<Profile & { dir: string }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumMissing());
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'frontline-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: chromiumArgs(extensionDir, sim.port),
    viewport: { width: 1400, height: 900 },
  });
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    dir,
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      if (!reuse) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sidebar iframe: reachable by Playwright even inside the closed shadow root. */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const frame = page
      .frames()
      .find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/sidebar.html'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the sidebar frame never appeared');
}

export const test = base.extend<{ profile: Profile }, { sim: Simulator }>({
  sim: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const sim = await startSimulator({ seed: 1, size: 'demo' });
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
  profile: async ({ sim }, use) => {
    const profile = await launchProfile(sim);
    await use(profile);
    await profile.close();
    // The simulator is shared by the tests of one worker: no fault or latency outlives its test.
    sim.control.reset();
  },
});

/** API requests Frontline made (not the simulated page's own UI calls) since the log was reset. */
export const apiRequests = (sim: Simulator, host: string) =>
  sim.control.log().entries.filter((entry) => entry.client === 'api' && entry.host === host);

/** Opens a ticket page and waits until the sidebar shows its subject. */
export async function openTicket(
  profile: Profile,
  url: string,
  subject: string,
): Promise<{ page: Page; frame: Frame }> {
  const page = await profile.context.newPage();
  await page.goto(url);
  const frame = await sidebarFrame(page);
  await expectSubject(frame, subject);
  return { page, frame };
}

export const expectSubject = (frame: Frame, subject: string) =>
  expect(frame.getByTestId('ticket-subject')).toHaveText(subject, { timeout: 15_000 });

/** Stops the extension's service worker the way Chrome does when it idles (CDP Target.closeTarget). */
export async function killServiceWorker(page: Page, extensionId: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  if (!worker) throw new Error('no service worker to kill');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  await cdp.detach();
}

/** Writes into the extension's own storage, from inside its worker (as the options page would). */
export async function setExtensionStorage(profile: Profile, items: Record<string, unknown>): Promise<void> {
  const worker = await profile.serviceWorker();
  await worker.evaluate(
    // `chrome` exists in the worker; the test's own types do not know it.
    (values) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
      ).chrome.storage.local.set(values),
    items,
  );
}

export { expect };
