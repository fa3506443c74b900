import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  type Frame,
  type Page,
  type Worker,
} from '@playwright/test';
import { type Simulator, startSimulator } from '../sim/server';
import { CHROMIUM_MISSING, chromiumArgs, findChromium } from '../support/chromium';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

export interface Profile {
  context: BrowserContext;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

/** A fresh Chromium profile with the production build loaded. */
export async function launchProfile(sim: Simulator): Promise<Profile> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'frontline-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: chromiumArgs(EXTENSION_DIR, sim.port),
    viewport: { width: 1400, height: 900 },
  });
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
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
  },
});

export { expect } from '@playwright/test';
