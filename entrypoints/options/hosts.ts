import { browser } from 'wxt/browser';
import type { HostRow } from '@/components/options/HelpdeskHosts';
import {
  type CustomHost,
  configuredHosts,
  hostOfOrigin,
  hostOrigin,
  readHostList,
} from '@/lib/domain/custom-host';
import { areaKey, readManagedHosts, repHelpdeskHosts } from '@/lib/storage/items';

export interface StoredHosts {
  rows: HostRow[];
  problems: string[];
}

const repHosts = async (): Promise<CustomHost[]> =>
  readHostList(await repHelpdeskHosts().getValue(), 'rep').hosts.map(({ host, account }) => ({
    host,
    account,
  }));

/** Every configured host with whether the browser granted it, and the entries left out. */
export async function loadHosts(): Promise<StoredHosts> {
  const [admin, rep, permissions] = await Promise.all([
    readManagedHosts(),
    repHelpdeskHosts().getValue(),
    browser.permissions.getAll(),
  ]);
  const granted = new Set((permissions.origins ?? []).map(hostOfOrigin));
  const { hosts, problems } = configuredHosts(admin, rep);
  return {
    rows: hosts.map(({ host, account, by }) => ({ host, account, by, granted: granted.has(host) })),
    problems,
  };
}

/** Asks for the host (first: the browser asks only during the rep's click), then saves it. */
export async function addHost(entry: CustomHost): Promise<boolean> {
  const granted = await browser.permissions.request({ origins: [hostOrigin(entry.host)] });
  if (!granted) return false;
  const kept = (await repHosts()).filter((h) => h.host !== entry.host);
  await repHelpdeskHosts().setValue([...kept, { host: entry.host, account: entry.account }]);
  return true;
}

/** An administrator's host (or one whose permission was revoked) needs the rep's one click. */
export const allowHost = (host: string): Promise<boolean> =>
  browser.permissions.request({ origins: [hostOrigin(host)] });

/** Removes the rep's host and gives its permission back, unless the administrator lists it too. */
export async function removeHost(host: string): Promise<void> {
  await repHelpdeskHosts().setValue((await repHosts()).filter((h) => h.host !== host));
  const { hosts } = readHostList(await readManagedHosts(), 'admin');
  if (!hosts.some((h) => h.host === host)) await browser.permissions.remove({ origins: [hostOrigin(host)] });
}

/** Calls back when either list or a permission changes (also from chrome://extensions). */
export function watchHosts(onChange: () => void): () => void {
  const stored = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && areaKey(repHelpdeskHosts) in changes)) onChange();
  };
  browser.storage.onChanged.addListener(stored);
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);
  return () => {
    browser.storage.onChanged.removeListener(stored);
    browser.permissions.onAdded.removeListener(onChange);
    browser.permissions.onRemoved.removeListener(onChange);
  };
}
