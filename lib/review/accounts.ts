import type { AccountRef } from '../domain/ticket-ref';
import { kindOfHost } from '../helpdesks/registry';
import type { Hub } from '../messaging/hub';
import { credentials } from '../storage/items';

/**
 * The accounts the review can read: those with an open helpdesk tab (session
 * transport) and those with a stored API credential (token transport).
 * Sorted so the page lists them in a stable order.
 */
export async function reviewAccounts(hub: Hub): Promise<AccountRef[]> {
  const hosts = new Set(
    hub.all().flatMap((tab) => (tab.account !== null && tab.content !== null ? [tab.account] : [])),
  );
  const stored = await credentials().getValue();
  if (typeof stored === 'object' && stored !== null) for (const host of Object.keys(stored)) hosts.add(host);
  return [...hosts].sort().flatMap((account) => {
    const helpdesk = kindOfHost(account);
    return helpdesk === null ? [] : [{ helpdesk, account }];
  });
}
