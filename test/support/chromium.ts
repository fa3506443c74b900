import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CNAMES } from '../sim/cname';
import { SIM_HOST_PATTERNS } from '../sim/server';

/** CHROMIUM_PATH, then Debian's chromium, then Playwright's browser cache. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return null;
  for (const dir of readdirSync(cache)
    .filter((name) => name.startsWith('chromium-'))
    .sort()
    .reverse()) {
    const binary = join(cache, dir, 'chrome-linux', 'chrome');
    if (existsSync(binary)) return binary;
  }
  return null;
}

export const CHROMIUM_MISSING = `Chromium was not found. Install it with one of:
  apt-get install -y chromium            (Debian/Ubuntu; then it is /usr/bin/chromium)
  npx playwright install chromium        (Playwright's own build)
or point CHROMIUM_PATH at a Chromium binary.`;

/** Flags that load the production build and send the real host names to the simulator. */
export function chromiumArgs(extensionDir: string, simPort: number): string[] {
  const map = [...SIM_HOST_PATTERNS, ...Object.keys(DEFAULT_CNAMES)]
    .map((host) => `MAP ${host} 127.0.0.1:${simPort}`)
    .join(',');
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=${map}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
  ];
}
