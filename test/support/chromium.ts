import { existsSync, readdirSync } from 'node:fs';
import { DEFAULT_CNAMES } from '../sim/cname';
import { SIM_HOST_PATTERNS } from '../sim/server';
import { type FileSystemView, locateBrowser, missingBrowserMessage } from './find-browser';

const realFs: FileSystemView = {
  exists: existsSync,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

const lookup = () => locateBrowser(process.platform, process.env, realFs);

/** A browser that loads the unpacked build (see find-browser.ts for the order), or null. */
export function findChromium(): string | null {
  const found = lookup();
  return found.kind === 'usable' ? found.path : null;
}

/** Why none was found and what to install, for this machine (Google Chrome alone is explained). */
export const chromiumMissing = (): string => missingBrowserMessage(process.platform, lookup());

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
