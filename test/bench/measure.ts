import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Frame, Page, Worker } from '@playwright/test';

/** One line of the bench's table; a null budget is reported, not judged, and `exact` wants equality. */
export interface Row {
  metric: string;
  frontline: number;
  naive: number | null;
  budget: number | null;
  exact?: boolean;
  unit: string;
  /** The same measurement with the CPU slowed (see slowCpu); judged against the same budget, for information. */
  throttled?: number;
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
 * share (same machine clock). The time is handed over as a promise, not polled
 * for: a poll runs on the frame's main thread and, every 20 ms, competed with
 * the very render being timed.
 */
export async function armWatch(frame: Frame, selector: string, expected: string | { minCount: number }) {
  // A source string, not a function: tsx's transform would wrap inner functions in a `__name` helper
  // that does not exist in the page.
  await frame.evaluate(`(() => {
    const selector = ${JSON.stringify(selector)};
    const expected = ${JSON.stringify(expected)};
    let stamp;
    window.__seenAt = new Promise((resolve) => { stamp = resolve; });
    // One watch at a time: an earlier observer whose condition holds again would stamp this one.
    window.__watch?.disconnect();
    const check = () => {
      const done = typeof expected === 'string'
        ? document.querySelector(selector)?.textContent === expected
        : document.querySelectorAll(selector).length >= expected.minCount;
      if (!done) return;
      window.__watch.disconnect();
      stamp(Date.now());
    };
    window.__watch = new MutationObserver(check);
    // Attributes only for a count of matches (an element can come to match by one): watching every
    // attribute made the render being timed record each change for a text it does not need.
    window.__watch.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: typeof expected !== 'string',
    });
    check();
  })()`);
}

export async function seenAt(frame: Frame, timeoutMs = 15_000): Promise<number> {
  const seen = frame.evaluate('window.__seenAt') as Promise<number>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not seen within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([seen, late]);
  } finally {
    clearTimeout(timer);
  }
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

/**
 * A fixed amount of work timed inside a target: whether a CPU throttle reached it is read here, not
 * assumed. A source string for the same reason as armWatch's; the result reads `x` so the loop is kept.
 */
const BUSY_LOOP = `(() => {
  const at = performance.now();
  let x = 0;
  for (let i = 0; i < 2e7; i++) x = (x + i * 7) % 1000003;
  return x >= 0 ? performance.now() - at : 0;
})()`;

/** One target the throttle aims at, and what the busy loop took in it. */
export interface ThrottledTarget {
  name: string;
  /** Chrome's answer when it refused the rate; the target then runs at full speed. */
  refused?: string;
  beforeMs: number;
  appliedMs: number;
  endMs: number;
}

interface Target {
  name: string;
  run(expression: string): Promise<unknown>;
  setRate(rate: number): Promise<void>;
}

/**
 * The median of five, not the fastest: on a busy machine some throttled samples come out near full
 * speed (Chrome's throttling thread must get a core to interrupt the throttled one), so the fastest
 * would hide the throttle.
 */
async function busyMs(target: Target): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push((await target.run(BUSY_LOOP)) as number);
  return percentile(samples, 50);
}

/**
 * Emulation.setCPUThrottlingRate on a service worker. Playwright opens CDP sessions on pages and
 * frames only, and a persistent context has no Browser for a browser-level session, so the page's
 * session attaches to the worker's target and talks to it through Target.sendMessageToTarget.
 * Chrome 156 answers "Operation is only supported for pages, not workers"; the bench still asks, so
 * the day Chrome accepts, the report says so.
 */
async function setWorkerRate(via: CDPSession, extensionId: string, rate: number): Promise<void> {
  const { targetInfos } = await via.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!worker) throw new Error('no service worker target');
  const { sessionId } = await via.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  const answer = new Promise<void>((resolve, reject) => {
    via.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; error?: { message: string } };
      if (message.id !== 1) return;
      if (message.error) reject(new Error(message.error.message));
      else resolve();
    });
  });
  const message = { id: 1, method: 'Emulation.setCPUThrottlingRate', params: { rate } };
  await via.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(message) });
  await answer;
}

/**
 * Slows the CPU `rate` times in every target that does the sidebar's work: the helpdesk page (the
 * content script), the sidebar frame (an out-of-process extension frame, its own session) and the
 * extension's service worker. Each target's busy loop is timed before and after; a target Chrome
 * refuses is reported as such. All loops are timed before any throttle: Chrome throttles by
 * busy-waiting in the throttled thread, so a slowed process keeps most of a core busy even idle, and
 * would slow the others' baseline. The sessions stay open: detaching one lifts its throttle.
 * `end()` times the loops again, so a throttle lost during the pass (a frame replaced) shows.
 */
export async function slowCpu(
  page: Page,
  frame: Frame,
  worker: () => Promise<Worker>,
  extensionId: string,
  rate: number,
): Promise<{ end(): Promise<ThrottledTarget[]> }> {
  const context = page.context();
  const pageSession = await context.newCDPSession(page);
  const frameSession = await context.newCDPSession(frame);
  const targets: Target[] = [
    {
      name: 'helpdesk page',
      run: (expression) => page.evaluate(expression),
      setRate: async (to) => {
        await pageSession.send('Emulation.setCPUThrottlingRate', { rate: to });
      },
    },
    {
      name: 'sidebar frame',
      run: (expression) => frame.evaluate(expression),
      setRate: async (to) => {
        await frameSession.send('Emulation.setCPUThrottlingRate', { rate: to });
      },
    },
    {
      name: 'service worker',
      run: async (expression) => (await worker()).evaluate(expression),
      setRate: (to) => setWorkerRate(pageSession, extensionId, to),
    },
  ];
  const beforeMs: number[] = [];
  for (const target of targets) beforeMs.push(await busyMs(target));
  const refusals: (string | undefined)[] = [];
  for (const target of targets) {
    refusals.push(
      await target.setRate(rate).then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
    );
  }
  const measured: Omit<ThrottledTarget, 'endMs'>[] = [];
  for (const [i, target] of targets.entries()) {
    const refused = refusals[i];
    measured.push({
      name: target.name,
      ...(refused ? { refused } : {}),
      beforeMs: beforeMs[i]!,
      appliedMs: await busyMs(target),
    });
  }
  return {
    async end() {
      const ended: ThrottledTarget[] = [];
      for (const [i, target] of targets.entries())
        ended.push({ ...measured[i]!, endMs: await busyMs(target) });
      return ended;
    },
  };
}

/**
 * One line per target: the busy loop before → throttled → at the end of the pass, and whether it
 * slowed; then what the throttle itself costs the machine.
 */
export function throttleLines(rate: number, targets: ThrottledTarget[]): string[] {
  if (targets.length === 0) return [];
  const lines = targets.map((t) => {
    const times = [t.beforeMs, t.appliedMs, t.endMs].map(Math.round);
    const factor = Math.min(t.appliedMs, t.endMs) / t.beforeMs;
    // Half the rate: the loop's time on a shared machine varies, a throttle that did not apply stays near ×1.
    const verdict = t.refused
      ? `NOT throttled, Chrome refused: ${t.refused}`
      : factor < rate / 2
        ? 'NOT throttled: Chrome took the rate, the loop did not slow'
        : 'throttled';
    return `CPU ×${rate} ${t.name}: busy loop ${times.join(' → ')} ms (×${factor.toFixed(1)}), ${verdict}`;
  });
  return [
    ...lines,
    `CPU ×${rate}: Chrome throttles by busy-waiting, each slowed process keeps most of a core busy; ` +
      `on this machine's ${availableParallelism()} cores the figures also carry that contention`,
  ];
}
