import { browser } from 'wxt/browser';
import { readSettings, type Settings } from '@/components/options/model';
import type { AuthorityPolicy } from '@/lib/credit/policy';

/** Where the options page keeps what it edits (storage.local); the background reads the same keys. */
export const POLICY_KEY = 'policy';
export const SETTINGS_KEY = 'settings';

export interface StoredOptions {
  managed: unknown;
  local: unknown;
  settings: Settings;
}

/**
 * The organization's policy, or undefined. Firefox without a managed manifest,
 * and Chrome without a policy, throw or answer with nothing: both mean none.
 */
export const readManaged = async (): Promise<unknown> => {
  try {
    const all = await browser.storage.managed.get();
    return all && Object.keys(all).length > 0 ? all : undefined;
  } catch {
    return undefined;
  }
};

export const loadOptions = async (): Promise<StoredOptions> => {
  const [managed, stored] = await Promise.all([
    readManaged(),
    browser.storage.local.get([POLICY_KEY, SETTINGS_KEY]),
  ]);
  return { managed, local: stored[POLICY_KEY], settings: readSettings(stored[SETTINGS_KEY]) };
};

export const savePolicy = (policy: AuthorityPolicy): Promise<void> =>
  browser.storage.local.set({ [POLICY_KEY]: policy });

export const saveSettings = (settings: Settings): Promise<void> =>
  browser.storage.local.set({ [SETTINGS_KEY]: settings });

/** Calls back whenever the policy (either source) or the settings change, so the page shows what is in force. */
export const watchOptions = (onChange: () => void): (() => void) => {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && (POLICY_KEY in changes || SETTINGS_KEY in changes)))
      onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
};
