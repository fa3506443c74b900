import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
  browser_specific_settings?: unknown;
};

const manifestFor = (browser: string) =>
  (config.manifest as ManifestFn)({
    browser,
    manifestVersion: browser === 'firefox' ? 2 : 3,
    mode: 'production',
    command: 'build',
  });

/** Every permission has a reason in README; a new one must be added here and there on purpose. */
describe('the manifest asks for no more than it needs', () => {
  it.each(['chrome', 'firefox'])('%s', (browser) => {
    const manifest = manifestFor(browser);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications', 'scripting', 'identity']);
    expect(manifest.host_permissions).toEqual(['https://*.zendesk.com/*', 'https://*.freshdesk.com/*']);
    // Custom helpdesk hosts: optional, asked for one host at a time on the rep's click.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    // A custom host may frame the sidebar only at its per-session URL; the sidebar port checks the tab.
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['sidebar.html'], matches: ['https://*/*'], use_dynamic_url: true },
    ]);
  });

  it('Firefox (MV2, which has no optional_host_permissions) can still ask for a custom host: optional_permissions', () => {
    expect(manifestFor('firefox').optional_permissions).toEqual(['https://*/*']);
    expect(manifestFor('chrome').optional_permissions).toBeUndefined();
  });

  it('only Firefox gets gecko settings', () => {
    expect(manifestFor('chrome').browser_specific_settings).toBeUndefined();
    expect(manifestFor('firefox').browser_specific_settings).toBeDefined();
  });
});
