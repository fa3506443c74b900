import { browser } from 'wxt/browser';
import { readSettings, type Settings } from '@/components/options/model';
import type { SavedKey } from '@/components/options/SavedKeys';
import { forgetManaged, readManaged } from '@/lib/credit/managed-policy';
import type { AuthorityPolicy } from '@/lib/domain/policy';
import { platformOf } from '@/lib/helpdesks/registry';
import {
  areaKey,
  credentialRefusals,
  credentials,
  managedPolicySeen,
  selfManagedPolicy,
  settings,
} from '@/lib/storage/items';
import { saveCredential, storedAccounts, storedCredential } from '@/lib/transport/token';

export interface StoredOptions {
  managed: unknown;
  local: unknown;
  settings: Settings;
  keys: SavedKey[];
  /** When this profile first read an organization's policy (see lib/credit/managed-policy), or null. */
  managedSeenSince: number | null;
}

export const loadOptions = async (): Promise<StoredOptions> => {
  const [managed, local, stored, keys, managedSeen] = await Promise.all([
    readManaged(),
    selfManagedPolicy().getValue(),
    settings().getValue(),
    storedAccounts(),
    managedPolicySeen().getValue(),
  ]);
  // Anything stored counts as seen, as the background reads it; a malformed date shows as the epoch.
  const since = managedSeen === null ? null : Number.isFinite(managedSeen.since) ? managedSeen.since : 0;
  return {
    managed,
    // The page tells "no policy" by undefined.
    local: local ?? undefined,
    settings: readSettings(stored),
    keys,
    managedSeenSince: since,
  };
};

/** Lets the self-managed policy apply again after the organization's vanished; false while one is present. */
export const forgetManagedPolicy = (): Promise<boolean> => forgetManaged();

export const savePolicy = (policy: AuthorityPolicy): Promise<void> => selfManagedPolicy().setValue(policy);

export const saveSettings = (value: Settings): Promise<void> => settings().setValue(value);

/**
 * A new key (Freshdesk) or token (Zendesk, keeping the saved email) for an
 * account. The background sees the change and sends the credits that waited for it.
 */
export async function replaceKey(account: string, secret: string): Promise<void> {
  const current = await storedCredential(account);
  if (current === null) return;
  await saveCredential(account, { ...current, [platformOf(current.helpdesk).credential.secret]: secret });
}

export const removeKey = (account: string): Promise<void> => saveCredential(account, null);

/** Calls back whenever the policy (either source), its remembered state, the settings or the saved keys change, so the page shows what is in force. */
export const watchOptions = (onChange: () => void): (() => void) => {
  const listener = (changes: Record<string, unknown>, area: string) => {
    const watched = [selfManagedPolicy, settings, managedPolicySeen, credentials, credentialRefusals].map(
      areaKey,
    );
    if (area === 'managed' || (area === 'local' && watched.some((key) => key in changes))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
};
