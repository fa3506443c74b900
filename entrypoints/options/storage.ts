import { browser } from 'wxt/browser';
import { readSettings, type Settings } from '@/components/options/model';
import type { SavedKey } from '@/components/options/SavedKeys';
import type { AuthorityPolicy } from '@/lib/credit/policy';
import {
  CREDENTIALS_KEY,
  REFUSALS_KEY,
  saveCredential,
  storedAccounts,
  storedCredential,
} from '@/lib/transport/token';

/** Where the options page keeps what it edits (storage.local); the background reads the same keys. */
export const POLICY_KEY = 'policy';
export const SETTINGS_KEY = 'settings';

export interface StoredOptions {
  managed: unknown;
  local: unknown;
  settings: Settings;
  keys: SavedKey[];
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
  const [managed, stored, keys] = await Promise.all([
    readManaged(),
    browser.storage.local.get([POLICY_KEY, SETTINGS_KEY]),
    storedAccounts(),
  ]);
  return { managed, local: stored[POLICY_KEY], settings: readSettings(stored[SETTINGS_KEY]), keys };
};

export const savePolicy = (policy: AuthorityPolicy): Promise<void> =>
  browser.storage.local.set({ [POLICY_KEY]: policy });

export const saveSettings = (settings: Settings): Promise<void> =>
  browser.storage.local.set({ [SETTINGS_KEY]: settings });

/**
 * A new key (Freshdesk) or token (Zendesk, keeping the saved email) for an
 * account. The background sees the change and sends the credits that waited for it.
 */
export async function replaceKey(account: string, secret: string): Promise<void> {
  const current = await storedCredential(account);
  if (current === null) return;
  await saveCredential(
    account,
    current.helpdesk === 'zendesk'
      ? { ...current, token: secret }
      : { helpdesk: 'freshdesk', apiKey: secret },
  );
}

export const removeKey = (account: string): Promise<void> => saveCredential(account, null);

/** Calls back whenever the policy (either source), the settings or the saved keys change, so the page shows what is in force. */
export const watchOptions = (onChange: () => void): (() => void) => {
  const listener = (changes: Record<string, unknown>, area: string) => {
    const watched = [POLICY_KEY, SETTINGS_KEY, CREDENTIALS_KEY, REFUSALS_KEY];
    if (area === 'managed' || (area === 'local' && watched.some((key) => key in changes))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
};
