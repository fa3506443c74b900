import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  // Each test gets its own Chromium profile. The tests mostly wait on the extension's timers
  // (undo windows, cadences, retries), so three at a time keep 2 cores busier than two do:
  // measured on the full suite, 1,036 s with 2 workers against 809 s with 3.
  workers: 3,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  // A failed test keeps its trace (actions, DOM snapshots, network, console) but no screencast:
  // recording every page's frames took a quarter of the run (foundation + sidebar specs, 3 workers:
  // 83 s with screenshots, 63 s without; 64 s with no trace at all).
  use: { trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true } },
});
