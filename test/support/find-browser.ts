import { posix, win32 } from 'node:path';

/**
 * Where `npm start` and the e2e suite look for a browser that can load the unpacked build.
 * Pure over (platform, env, file system view) so each OS's table is testable on any OS.
 */

export type BrowserBrand =
  | 'CHROMIUM_PATH'
  | 'Chromium'
  | 'Chrome for Testing'
  | 'Microsoft Edge'
  | 'Playwright Chromium';

export interface FileSystemView {
  exists(path: string): boolean;
  /** The entries of a folder; none when it does not exist. */
  list(dir: string): string[];
}

export type Env = Readonly<Record<string, string | undefined>>;

export type BrowserLookup =
  | { kind: 'usable'; brand: BrowserBrand; path: string }
  /** Only Google Chrome is installed: Chrome 137+ ignores `--load-extension` in branded builds. */
  | { kind: 'branded-chrome'; path: string }
  | { kind: 'none' };

interface Candidate {
  brand: BrowserBrand;
  path: string;
}

const pathOf = (platform: NodeJS.Platform) => (platform === 'win32' ? win32 : posix);

const homeOf = (platform: NodeJS.Platform, env: Env): string =>
  (platform === 'win32' ? env.USERPROFILE : env.HOME) ?? '';

/** Playwright's own cache folder per OS (playwright-core's registry: XDG, Library/Caches, LOCALAPPDATA). */
const playwrightCache = (platform: NodeJS.Platform, env: Env): string => {
  const { join } = pathOf(platform);
  if (env.PLAYWRIGHT_BROWSERS_PATH) return env.PLAYWRIGHT_BROWSERS_PATH;
  const home = homeOf(platform, env);
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'ms-playwright');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'ms-playwright');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'ms-playwright');
};

/**
 * The binary inside one build folder, in the layouts Playwright used: Chrome for Testing builds
 * since 1.57 (chrome-linux64, chrome-mac-arm64, chrome-win64) and its own Chromium before.
 */
const buildBinaries = (platform: NodeJS.Platform): string[][] => {
  if (platform === 'darwin') {
    const cft = ['Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'];
    return [
      ['chrome-mac-arm64', ...cft],
      ['chrome-mac-x64', ...cft],
      ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
    ];
  }
  if (platform === 'win32')
    return [
      ['chrome-win64', 'chrome.exe'],
      ['chrome-win', 'chrome.exe'],
    ];
  return [
    ['chrome-linux64', 'chrome'],
    ['chrome-linux-arm64', 'chrome'],
    ['chrome-linux', 'chrome'],
  ];
};

/** Newest first: folders carry the build number (`chromium-1200`, `linux-138.0.7204.49`). */
const newestFirst = (names: string[]): string[] =>
  [...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));

/** Binaries under `root/<folder matching prefix>/<build layout>`, newest build first. */
const cached = (
  platform: NodeJS.Platform,
  fs: FileSystemView,
  root: string,
  folder: (name: string) => boolean,
): string[] => {
  const { join } = pathOf(platform);
  return newestFirst(fs.list(root).filter(folder)).flatMap((dir) =>
    buildBinaries(platform).map((parts) => join(root, dir, ...parts)),
  );
};

const chromium = (platform: NodeJS.Platform, env: Env): string[] => {
  const { join } = pathOf(platform);
  if (platform === 'darwin')
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      join(homeOf(platform, env), 'Applications', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
    ];
  if (platform === 'win32')
    return [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']]
      .filter((root): root is string => Boolean(root))
      .map((root) => join(root, 'Chromium', 'Application', 'chrome.exe'));
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];
};

/** Chrome for Testing: the macOS app, and `npx @puppeteer/browsers install chrome@stable`'s folders. */
const chromeForTesting = (platform: NodeJS.Platform, env: Env, fs: FileSystemView): string[] => {
  const { join } = pathOf(platform);
  const puppeteer = join(
    env.PUPPETEER_CACHE_DIR ?? join(homeOf(platform, env), '.cache', 'puppeteer'),
    'chrome',
  );
  const app =
    platform === 'darwin'
      ? ['/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']
      : [];
  return [...app, ...cached(platform, fs, puppeteer, () => true)];
};

const edge = (platform: NodeJS.Platform, env: Env): string[] => {
  const { join } = pathOf(platform);
  if (platform === 'darwin') return ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
  if (platform === 'win32')
    return [env['PROGRAMFILES(X86)'], env.PROGRAMFILES, env.LOCALAPPDATA]
      .filter((root): root is string => Boolean(root))
      .map((root) => join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
  return ['/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable', '/opt/microsoft/msedge/msedge'];
};

const googleChrome = (platform: NodeJS.Platform, env: Env): string[] => {
  const { join } = pathOf(platform);
  if (platform === 'darwin') return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  if (platform === 'win32')
    return [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
      .filter((root): root is string => Boolean(root))
      .map((root) => join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  return ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'];
};

/** Every place a usable browser may be, in the order they are tried. */
export function browserCandidates(platform: NodeJS.Platform, env: Env, fs: FileSystemView): Candidate[] {
  const tagged = (brand: BrowserBrand, paths: string[]) => paths.map((path) => ({ brand, path }));
  return [
    ...tagged('CHROMIUM_PATH', env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : []),
    ...tagged('Chromium', chromium(platform, env)),
    ...tagged('Chrome for Testing', chromeForTesting(platform, env, fs)),
    ...tagged('Microsoft Edge', edge(platform, env)),
    ...tagged(
      'Playwright Chromium',
      cached(platform, fs, playwrightCache(platform, env), (name) => /^chromium-\d+$/.test(name)),
    ),
  ];
}

/** The first usable browser; else whether only Google Chrome is there, so the message can say why it will not do. */
export function locateBrowser(platform: NodeJS.Platform, env: Env, fs: FileSystemView): BrowserLookup {
  const found = browserCandidates(platform, env, fs).find((candidate) => fs.exists(candidate.path));
  if (found) return { kind: 'usable', ...found };
  const chrome = googleChrome(platform, env).find((path) => fs.exists(path));
  return chrome ? { kind: 'branded-chrome', path: chrome } : { kind: 'none' };
}

const INSTALL: Record<string, string> = {
  linux: `  apt-get install -y chromium            (Debian/Ubuntu; then it is /usr/bin/chromium)
  npx playwright install chromium        (Playwright's build, a Chrome for Testing)`,
  darwin: `  brew install --cask chromium           (then /Applications/Chromium.app)
  npx playwright install chromium        (Playwright's build, a Chrome for Testing)`,
  win32: `  npx playwright install chromium        (Playwright's build, a Chrome for Testing)
  or install Microsoft Edge`,
};

/** What to tell a person when no usable browser was found. */
export function missingBrowserMessage(platform: NodeJS.Platform, lookup: BrowserLookup): string {
  const install = INSTALL[platform] ?? INSTALL.linux;
  const chrome =
    lookup.kind === 'branded-chrome'
      ? `Only Google Chrome was found (${lookup.path}). Chrome 137 and later ignore --load-extension in
Google-branded builds, so no script can start Google Chrome with an unpacked extension. To use
Frontline in Google Chrome on a real helpdesk, load .output/chrome-mv3 by hand (chrome://extensions →
Developer mode → Load unpacked). The demo needs a build that accepts the flag; install one with:
`
      : 'No Chromium, Chrome for Testing or Microsoft Edge was found. Install one with:\n';
  return `${chrome}${install}
or point CHROMIUM_PATH at a Chromium-based binary.`;
}
