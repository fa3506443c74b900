import { defineConfig } from '@playwright/test';

/**
 * The Firefox flows: Playwright runs the tests, puppeteer-core drives Debian's firefox-esr over
 * WebDriver BiDi (Playwright's own Firefox mode needs its patched build). One worker: the file
 * shares one Firefox, and CI has 2 cores.
 */
export default defineConfig({
  testDir: '.',
  // Its own folder (test/e2e-firefox/test-results): the Chromium run empties the root one when it starts.
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
});
