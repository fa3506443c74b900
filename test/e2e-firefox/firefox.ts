import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { DEFAULT_CNAMES } from '../sim/cname';
import { SIM_HOST_PATTERNS, type Simulator } from '../sim/server';
import { type HostProxy, startHostProxy } from './host-proxy';

export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv2');
/** The manifest's gecko id (wxt.config.ts). */
export const GECKO_ID = 'frontline@frontline.invalid';

/** FIREFOX_PATH, then Debian's firefox-esr, then a firefox on the usual paths. */
export function findFirefox(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  return null;
}

export const FIREFOX_MISSING = `Firefox was not found. Install it with:
  apt-get install -y firefox-esr         (Debian; then it is /usr/bin/firefox-esr)
or point FIREFOX_PATH at a Firefox binary.`;

const hostPattern = (pattern: string) =>
  new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/^\*\\\./, '[a-z0-9-]+\\.')}$`);

export interface FirefoxProfile {
  browser: Browser;
  /** The moz-extension origin, pinned per profile by pref so pages can be recognized. */
  origin: string;
  dir: string;
  close(): Promise<void>;
}

/**
 * Firefox with the Firefox build installed as a temporary add-on, sending the helpdesk host names
 * to the simulator through a CONNECT proxy. `reuse` relaunches an existing profile folder (a
 * browser restart): storage and the extension's uuid are kept, and close() keeps the folder.
 */
export async function launchFirefox(sim: Simulator, reuse?: string): Promise<FirefoxProfile> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_MISSING);
  const patterns = [...SIM_HOST_PATTERNS, ...Object.keys(DEFAULT_CNAMES)].map(hostPattern);
  const proxy: HostProxy = await startHostProxy((host) => patterns.some((p) => p.test(host)), sim.port);
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'frontline-firefox-'));
  const uuid = reuse ? (UUID_OF.get(reuse) ?? randomUUID()) : randomUUID();
  UUID_OF.set(dir, uuid);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: dir,
    dumpio: process.env.FIREFOX_DUMPIO === '1',
    defaultViewport: { width: 1400, height: 900 },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      // Plain http goes to the proxy too, which refuses it: nothing of Firefox's own leaves the machine.
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return {
    browser,
    origin: `moz-extension://${uuid}`,
    dir,
    async close() {
      await browser.close();
      await proxy.close();
      if (!reuse) {
        UUID_OF.delete(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const UUID_OF = new Map<string, string>();

const hrefOf = (frame: Frame): Promise<string | null> =>
  frame.evaluate(() => location.href).catch(() => null);

/** Puppeteer reports moz-extension frames as about:blank: they are told apart by their own location. */
export async function extensionFrame(
  page: Page,
  origin: string,
  path: string,
  timeoutMs = 15_000,
): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const href = await hrefOf(frame);
      if (href?.startsWith(`${origin}${path}`)) return frame;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${path} frame appeared`);
}
