import { browser } from 'wxt/browser';
import { readSettings, type Settings } from '@/components/options/model';
import { forgetManaged, MANAGED_SEEN_KEY, managedPolicySeen, readManaged } from '@/lib/credit/managed-policy';
import type { AuthorityPolicy } from '@/lib/credit/policy';

/** Where the options page keeps what it edits (storage.local); the background reads the same keys. */
export const POLICY_KEY = 'policy';
export const SETTINGS_KEY = 'settings';

export interface StoredOptions {
  managed: unknown;
  local: unknown;
  settings: Settings;
  /** When this profile first read an organization's policy (see lib/credit/managed-policy), or null. */
  managedSeenSince: number | null;
}

export const loadOptions = async (): Promise<StoredOptions> => {
  const [managed, stored, managedSeen] = await Promise.all([
    readManaged(),
    browser.storage.local.get([POLICY_KEY, SETTINGS_KEY]),
    managedPolicySeen.getValue(),
  ]);
  // Anything stored counts as seen, as the background reads it; a malformed date shows as the epoch.
  const since = managedSeen === null ? null : Number.isFinite(managedSeen.since) ? managedSeen.since : 0;
  return {
    managed,
    local: stored[POLICY_KEY],
    settings: readSettings(stored[SETTINGS_KEY]),
    managedSeenSince: since,
  };
};

/** Lets the self-managed policy apply again after the organization's vanished; false while one is present. */
export const forgetManagedPolicy = (): Promise<boolean> => forgetManaged();

export const savePolicy = (policy: AuthorityPolicy): Promise<void> =>
  browser.storage.local.set({ [POLICY_KEY]: policy });

export const saveSettings = (settings: Settings): Promise<void> =>
  browser.storage.local.set({ [SETTINGS_KEY]: settings });

/** Calls back whenever the policy (either source), its remembered state or the settings change, so the page shows what is in force. */
export const watchOptions = (onChange: () => void): (() => void) => {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (
      area === 'managed' ||
      (area === 'local' && (POLICY_KEY in changes || SETTINGS_KEY in changes || MANAGED_SEEN_KEY in changes))
    )
      onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
};
