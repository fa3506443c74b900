import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Frame } from '@playwright/test';
import { english, type Messages, translations } from '../../lib/i18n/locale-files';
import type { Simulator } from '../sim/server';
import { chromiumArgs, chromiumMissing, findChromium } from '../support/chromium';
import { EXTENSION_DIR, expect, expectSubject, sidebarFrame, test } from './fixtures';

const LANGUAGES: Record<string, Messages> = { en: english, ...translations };
const RIGHT_TO_LEFT = new Set(['ar']);

/**
 * The production build in a Chromium whose UI language is `language`. On Linux Chromium takes its
 * UI language from `--lang` and the `LANGUAGE` variable; `getUILanguage()` may still answer en-US
 * under Playwright, which is why the pages read the catalogue the browser picked (ui_language).
 */
async function launchIn(sim: Simulator, language: string) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumMissing());
  const dir = mkdtempSync(join(tmpdir(), `frontline-${language}-`));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: [...chromiumArgs(EXTENSION_DIR, sim.port), `--lang=${language}`],
    env: { ...process.env, LANGUAGE: language },
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Any of the language's plural forms of `base`, with its count in any digits and grouping. */
const pluralPattern = (messages: Messages, base: string): RegExp => {
  const forms = Object.entries(messages)
    .filter(([key]) => key.startsWith(`${base}_`))
    .map(([, text]) => escapeRegExp(text).replace('\\{count\\}', '[\\d٠-٩.,٬\\s\\u00a0\\u202f]+'));
  return new RegExp(`^(?:${forms.join('|')})$`);
};

/** Where a heading's text sits in the frame: the space left of it and right of it, in px. */
const textMargins = (frame: Frame, text: string) =>
  frame.evaluate((wanted) => {
    const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent === wanted);
    if (!heading) throw new Error(`no heading ${wanted}`);
    const range = document.createRange();
    range.selectNodeContents(heading);
    const box = range.getBoundingClientRect();
    return { left: box.left, right: document.documentElement.clientWidth - box.right };
  }, text);

for (const [language, messages] of Object.entries(LANGUAGES)) {
  test(`locale ${language}: the sidebar speaks the browser's language, in its direction, with its plurals and dates`, async ({
    sim,
  }) => {
    const browser = await launchIn(sim, language);
    try {
      const ticket = sim.data.sampleTicket('zendesk');
      const page = await browser.context.newPage();
      await page.goto(sim.data.ticketUrl(ticket));
      const frame = await sidebarFrame(page);
      await expectSubject(frame, ticket.subject);

      const root = frame.locator('html');
      await expect(root).toHaveAttribute('lang', new RegExp(`^${language}(-|$)`));
      await expect(root).toHaveAttribute('dir', RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr');

      await expect(frame.getByRole('heading', { name: messages.customer_title, exact: true })).toBeVisible();
      await expect(frame.getByRole('heading', { name: messages.history_title, exact: true })).toBeVisible();
      await expect(frame.getByRole('tab', { name: messages.sidebar_tab_case })).toBeVisible();
      await expect(frame.locator('.fl-stats .fl-chip').first()).toHaveText(
        pluralPattern(messages, 'tickets_total'),
      );

      const created = frame.locator(`[data-ticket-id="${ticket.id}"] .fl-row__meta span[title]`).first();
      const expectedDate = await frame.evaluate(
        ([iso, lang]) =>
          new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(iso)),
        [ticket.createdAt, language] as const,
      );
      await expect(created).toHaveAttribute('title', expectedDate);

      // The layout mirrors: a section title starts at the right edge, and the closed rows' chevrons point left.
      const margins = await textMargins(frame, messages.customer_title ?? '');
      const chevron = await frame
        .locator('.fl-row[aria-expanded="false"] .fl-chevron')
        .first()
        .evaluate((icon) => getComputedStyle(icon).transform);
      if (RIGHT_TO_LEFT.has(language)) {
        expect(margins.right).toBeLessThan(margins.left);
        expect(chevron).toBe('matrix(-1, 0, 0, 1, 0, 0)');
      } else {
        expect(margins.left).toBeLessThan(margins.right);
        expect(chevron).toBe('none');
      }

      await frame.locator('body').screenshot({ path: resolve(`docs/screenshots/sidebar-${language}.png`) });
    } finally {
      await browser.close();
    }
  });
}

test('locale ar: the popup, options and review pages are right to left and in Arabic too', async ({
  sim,
}) => {
  const browser = await launchIn(sim, 'ar');
  try {
    const worker =
      browser.context.serviceWorkers()[0] ??
      (await browser.context.waitForEvent('serviceworker', { timeout: 10_000 }));
    const base = `chrome-extension://${new URL(worker.url()).host}`;
    const arabic = translations.ar ?? {};
    for (const [path, text] of [
      ['/popup.html', arabic.open_review],
      ['/options.html', arabic.options_policy_title],
      ['/review.html', arabic.review_title],
    ] as const) {
      const page = await browser.context.newPage();
      await page.goto(`${base}${path}`);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.locator('html')).toHaveAttribute('lang', /^ar(-|$)/);
      await expect(page.getByText(text ?? 'missing', { exact: true }).first()).toBeVisible();
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
