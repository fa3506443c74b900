import { test as base, expect } from '@playwright/test';
import type { Frame, Page } from 'puppeteer-core';
import { type Simulator, startSimulator } from '../sim/server';
import { extensionFrame, type FirefoxProfile, launchFirefox } from './firefox';

/**
 * One simulator and one Firefox for the whole run: a Firefox launch costs seconds on a shared
 * machine, and the flows below each open their own tabs and follow their own tickets.
 */
export const test = base.extend<object, { sim: Simulator; firefox: FirefoxProfile }>({
  sim: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const sim = await startSimulator({ seed: 1, size: 'demo' });
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
  firefox: [
    async ({ sim }, use) => {
      const firefox = await launchFirefox(sim);
      await use(firefox);
      await firefox.close();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect };

/** The text of the first element with this test id in a frame, or null while there is none. */
export const textOf = (frame: Frame | Page, testId: string): Promise<string | null> =>
  frame.$eval(`[data-testid="${testId}"]`, (element) => element.textContent).catch(() => null);

export const attributeOf = (frame: Frame | Page, selector: string, name: string): Promise<string | null> =>
  frame.$eval(selector, (element, attribute) => element.getAttribute(attribute), name).catch(() => null);

export const countOf = (frame: Frame | Page, selector: string): Promise<number> =>
  frame.$$eval(selector, (elements) => elements.length);

export const click = async (frame: Frame | Page, testId: string, count = 1): Promise<void> => {
  const element = await frame.waitForSelector(`[data-testid="${testId}"]`, { timeout: 15_000 });
  await element!.click({ count });
};

/** Opens a ticket page and waits until the sidebar shows its subject. */
export async function openTicket(
  firefox: FirefoxProfile,
  url: string,
  subject: string,
): Promise<{ page: Page; frame: Frame }> {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  const frame = await extensionFrame(page, firefox.origin, '/sidebar.html');
  await expectSubject(frame, subject);
  return { page, frame };
}

export const expectSubject = (frame: Frame, subject: string) =>
  expect.poll(() => textOf(frame, 'ticket-subject'), { timeout: 20_000 }).toBe(subject);

/** The agent page's own in-app navigation (pushState), as the Chromium e2e uses it. */
export const navigateInApp = (page: Page, path: string) =>
  page.evaluate((to) => (window as unknown as { simNavigate(path: string): void }).simNavigate(to), path);

/**
 * A full extension page (popup, options). A test cannot navigate a tab to moz-extension:, so the
 * sidebar opens it the way a link in the extension would.
 */
export async function openExtensionPage(firefox: FirefoxProfile, from: Frame, path: string): Promise<Page> {
  const known = new Set(await firefox.browser.pages());
  await from.evaluate((url) => void window.open(url), `${firefox.origin}${path}`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await firefox.browser.pages()) {
      if (known.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${firefox.origin}${path}`)) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not open`);
}

/** The Firefox extension API as an extension page sees it (the test's own types do not know it). */
export interface FirefoxExtensionApi {
  browserAction: { getBadgeText(details: object): Promise<string> };
  action?: unknown;
  runtime: { getBackgroundPage(): Promise<Window> };
  storage: {
    local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> };
    managed: { get(): Promise<Record<string, unknown>> };
  };
}
