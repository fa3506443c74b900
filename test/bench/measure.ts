import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Frame, Page } from '@playwright/test';

/** One line of the bench's table; a null budget is reported, not judged, and `exact` wants equality. */
export interface Row {
  metric: string;
  frontline: number;
  naive: number | null;
  budget: number | null;
  exact?: boolean;
  unit: string;
}

export const percentile = (samples: number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Gzip size of everything a page of the build loads: its script, module preloads and styles. */
export function pageGzipSize(buildDir: string, page: string): number {
  const html = readFileSync(join(buildDir, page), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(buildDir, file))).length, 0);
}

/** Gzip size of every .js file under a folder of the build. */
export function gzipSizeOf(dir: string, filter: (file: string) => boolean = () => true): number {
  let total = 0;
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.js') && filter(full)) total += gzipSync(readFileSync(full)).length;
    }
  };
  walk(dir);
  return total;
}

/**
 * Arms a watcher inside the sidebar frame that records the wall-clock time at
 * which `predicate` first holds, so timing does not include Playwright's
 * polling. Both sides read Date.now(), which the page and the extension frame
 * share (same machine clock).
 */
export async function armWatch(frame: Frame, selector: string, expected: string | { minCount: number }) {
  // A source string, not a function: tsx's transform would wrap inner functions in a `__name` helper
  // that does not exist in the page.
  await frame.evaluate(`(() => {
    const selector = ${JSON.stringify(selector)};
    const expected = ${JSON.stringify(expected)};
    window.__seenAt = undefined;
    // One watch at a time: an earlier observer whose condition holds again would stamp this one.
    window.__watch?.disconnect();
    const check = () => {
      if (window.__seenAt !== undefined) return;
      const done = typeof expected === 'string'
        ? document.querySelector(selector)?.textContent === expected
        : document.querySelectorAll(selector).length >= expected.minCount;
      if (done) window.__seenAt = Date.now();
    };
    window.__watch = new MutationObserver(check);
    window.__watch.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    check();
  })()`);
}

export async function seenAt(frame: Frame, timeoutMs = 15_000): Promise<number> {
  const handle = await frame.waitForFunction(
    () => (window as unknown as { __seenAt?: number }).__seenAt,
    null,
    {
      timeout: timeoutMs,
      polling: 20,
    },
  );
  return (await handle.jsonValue()) as number;
}

/** Pushes a new URL the way the helpdesk's own router does, and returns when it did. */
export async function navigateInApp(page: Page, path: string): Promise<number> {
  return page.evaluate((to) => {
    const app = window as unknown as { simNavigate?: (path: string) => void };
    const at = Date.now();
    if (app.simNavigate) app.simNavigate(to);
    else {
      history.pushState({}, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }
    return at;
  }, path);
}
