import { describe, expect, it } from 'vitest';
import {
  type BrowserLookup,
  type Env,
  type FileSystemView,
  locateBrowser,
  missingBrowserMessage,
} from '../../support/find-browser';

/** A machine holding exactly these files; folders are whatever those paths pass through. */
const machine = (files: string[], separator = '/'): FileSystemView => ({
  exists: (path) => files.includes(path),
  list: (dir) => {
    const prefix = dir.endsWith(separator) ? dir : `${dir}${separator}`;
    return [
      ...new Set(
        files
          .filter((f) => f.startsWith(prefix))
          .map((f) => f.slice(prefix.length).split(separator)[0] ?? ''),
      ),
    ];
  },
});

interface Row {
  name: string;
  env?: Env;
  files: string[];
  expected: BrowserLookup;
}

const LINUX_ENV: Env = { HOME: '/home/rep' };
const MAC_ENV: Env = { HOME: '/Users/rep' };
const WIN_ENV: Env = {
  USERPROFILE: 'C:\\Users\\rep',
  LOCALAPPDATA: 'C:\\Users\\rep\\AppData\\Local',
  PROGRAMFILES: 'C:\\Program Files',
  'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
};

const TABLES: Record<'linux' | 'darwin' | 'win32', Row[]> = {
  linux: [
    {
      name: 'CHROMIUM_PATH wins over an installed Chromium',
      env: { ...LINUX_ENV, CHROMIUM_PATH: '/opt/my/chrome' },
      files: ['/opt/my/chrome', '/usr/bin/chromium'],
      expected: { kind: 'usable', brand: 'CHROMIUM_PATH', path: '/opt/my/chrome' },
    },
    {
      name: 'a CHROMIUM_PATH that does not exist falls through to Debian’s chromium',
      env: { ...LINUX_ENV, CHROMIUM_PATH: '/nowhere/chrome' },
      files: ['/usr/bin/chromium'],
      expected: { kind: 'usable', brand: 'Chromium', path: '/usr/bin/chromium' },
    },
    {
      name: 'the snap’s chromium',
      files: ['/snap/bin/chromium', '/usr/bin/microsoft-edge'],
      expected: { kind: 'usable', brand: 'Chromium', path: '/snap/bin/chromium' },
    },
    {
      name: 'Chrome for Testing from @puppeteer/browsers, newest build, before Edge',
      files: [
        '/home/rep/.cache/puppeteer/chrome/linux-131.0.6778.85/chrome-linux64/chrome',
        '/home/rep/.cache/puppeteer/chrome/linux-138.0.7204.49/chrome-linux64/chrome',
        '/usr/bin/microsoft-edge',
      ],
      expected: {
        kind: 'usable',
        brand: 'Chrome for Testing',
        path: '/home/rep/.cache/puppeteer/chrome/linux-138.0.7204.49/chrome-linux64/chrome',
      },
    },
    {
      name: 'Microsoft Edge before Playwright’s cache',
      files: [
        '/opt/microsoft/msedge/msedge',
        '/home/rep/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome',
      ],
      expected: { kind: 'usable', brand: 'Microsoft Edge', path: '/opt/microsoft/msedge/msedge' },
    },
    {
      name: 'Playwright’s cache: the newest build by number (1200 after 999), either layout',
      files: [
        '/home/rep/.cache/ms-playwright/chromium-999/chrome-linux/chrome',
        '/home/rep/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome',
        '/home/rep/.cache/ms-playwright/chromium_headless_shell-1200/chrome-linux64/chrome',
      ],
      expected: {
        kind: 'usable',
        brand: 'Playwright Chromium',
        path: '/home/rep/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome',
      },
    },
    {
      name: 'Playwright’s cache under XDG_CACHE_HOME',
      env: { ...LINUX_ENV, XDG_CACHE_HOME: '/var/cache/rep' },
      files: ['/var/cache/rep/ms-playwright/chromium-1200/chrome-linux64/chrome'],
      expected: {
        kind: 'usable',
        brand: 'Playwright Chromium',
        path: '/var/cache/rep/ms-playwright/chromium-1200/chrome-linux64/chrome',
      },
    },
    {
      name: 'only Google Chrome: named as branded, not used',
      files: ['/usr/bin/google-chrome'],
      expected: { kind: 'branded-chrome', path: '/usr/bin/google-chrome' },
    },
    { name: 'nothing at all', files: [], expected: { kind: 'none' } },
  ],
  darwin: [
    {
      name: 'Chromium.app in /Applications',
      files: [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ],
      expected: {
        kind: 'usable',
        brand: 'Chromium',
        path: '/Applications/Chromium.app/Contents/MacOS/Chromium',
      },
    },
    {
      name: 'Chromium.app in the user’s own Applications',
      files: ['/Users/rep/Applications/Chromium.app/Contents/MacOS/Chromium'],
      expected: {
        kind: 'usable',
        brand: 'Chromium',
        path: '/Users/rep/Applications/Chromium.app/Contents/MacOS/Chromium',
      },
    },
    {
      name: 'Google Chrome for Testing.app',
      files: [
        '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ],
      expected: {
        kind: 'usable',
        brand: 'Chrome for Testing',
        path: '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      },
    },
    {
      name: 'Microsoft Edge.app',
      files: ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
      expected: {
        kind: 'usable',
        brand: 'Microsoft Edge',
        path: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      },
    },
    {
      name: 'Playwright’s cache in Library/Caches, Apple silicon layout',
      files: [
        '/Users/rep/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      ],
      expected: {
        kind: 'usable',
        brand: 'Playwright Chromium',
        path: '/Users/rep/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      },
    },
    {
      name: 'Playwright’s older Chromium.app layout',
      files: [
        '/Users/rep/Library/Caches/ms-playwright/chromium-1100/chrome-mac/Chromium.app/Contents/MacOS/Chromium',
      ],
      expected: {
        kind: 'usable',
        brand: 'Playwright Chromium',
        path: '/Users/rep/Library/Caches/ms-playwright/chromium-1100/chrome-mac/Chromium.app/Contents/MacOS/Chromium',
      },
    },
    {
      name: 'only Google Chrome.app: named as branded, not used',
      files: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
      expected: {
        kind: 'branded-chrome',
        path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      },
    },
  ],
  win32: [
    {
      name: 'CHROMIUM_PATH first',
      env: { ...WIN_ENV, CHROMIUM_PATH: 'D:\\tools\\chrome.exe' },
      files: ['D:\\tools\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
      expected: { kind: 'usable', brand: 'CHROMIUM_PATH', path: 'D:\\tools\\chrome.exe' },
    },
    {
      name: 'Chromium installed per user in LOCALAPPDATA',
      files: ['C:\\Users\\rep\\AppData\\Local\\Chromium\\Application\\chrome.exe'],
      expected: {
        kind: 'usable',
        brand: 'Chromium',
        path: 'C:\\Users\\rep\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      },
    },
    {
      name: 'Chrome for Testing from @puppeteer/browsers in the user profile',
      files: ['C:\\Users\\rep\\.cache\\puppeteer\\chrome\\win64-138.0.7204.49\\chrome-win64\\chrome.exe'],
      expected: {
        kind: 'usable',
        brand: 'Chrome for Testing',
        path: 'C:\\Users\\rep\\.cache\\puppeteer\\chrome\\win64-138.0.7204.49\\chrome-win64\\chrome.exe',
      },
    },
    {
      name: 'Microsoft Edge, which every Windows has, before Playwright’s cache',
      files: [
        'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        'C:\\Users\\rep\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win64\\chrome.exe',
      ],
      expected: {
        kind: 'usable',
        brand: 'Microsoft Edge',
        path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      },
    },
    {
      name: 'Playwright’s cache in LOCALAPPDATA',
      files: ['C:\\Users\\rep\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win64\\chrome.exe'],
      expected: {
        kind: 'usable',
        brand: 'Playwright Chromium',
        path: 'C:\\Users\\rep\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win64\\chrome.exe',
      },
    },
    {
      name: 'only Google Chrome: named as branded, not used',
      files: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
      expected: {
        kind: 'branded-chrome',
        path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      },
    },
  ],
};

const DEFAULT_ENV = { linux: LINUX_ENV, darwin: MAC_ENV, win32: WIN_ENV };

describe('npm start finds a browser (findChromium’s lookup)', () => {
  for (const [platform, rows] of Object.entries(TABLES) as [keyof typeof TABLES, Row[]][]) {
    describe(platform, () => {
      for (const row of rows) {
        it(row.name, () => {
          const fs = machine(row.files, platform === 'win32' ? '\\' : '/');
          expect(locateBrowser(platform, row.env ?? DEFAULT_ENV[platform], fs)).toEqual(row.expected);
        });
      }
    });
  }

  it('says why branded Google Chrome cannot load the unpacked build, and what to do', () => {
    const message = missingBrowserMessage('darwin', {
      kind: 'branded-chrome',
      path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    });
    expect(message).toContain('Chrome 137 and later ignore --load-extension');
    expect(message).toContain('Load unpacked');
    expect(message).toContain('brew install --cask chromium');
    expect(message).toContain('CHROMIUM_PATH');
  });

  it('without any browser, names what to install on that OS', () => {
    expect(missingBrowserMessage('linux', { kind: 'none' })).toContain('apt-get install -y chromium');
    expect(missingBrowserMessage('win32', { kind: 'none' })).toContain('npx playwright install chromium');
  });
});
