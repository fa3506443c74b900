import { type CustomHost, canonicalUrl } from '../domain/custom-host';
import { pageOfHost } from '../helpdesks/page-of-host';
import type { HelpdeskPage } from '../helpdesks/platform';
import type { HelpdeskKind } from '../helpdesks/registry';
import { readManagedHosts, repHelpdeskHosts } from '../storage/items';

export interface PageHere {
  page: HelpdeskPage<HelpdeskKind>;
  /** The ticket this tab's URL shows (named by its canonical account), or null. */
  match(url: string): { helpdesk: HelpdeskKind; account: string; id: string } | null;
}

/** The first entry naming this host: the administrator's list before the rep's, as lib/hosts decides. */
const entryFor = (host: string, lists: readonly unknown[]): CustomHost | null => {
  for (const list of lists)
    for (const entry of Array.isArray(list) ? list : []) {
      const { host: name, account } = (entry ?? {}) as Record<string, unknown>;
      if (typeof name === 'string' && name.trim().toLowerCase() === host && typeof account === 'string')
        return { host, account: account.trim().toLowerCase() };
    }
  return null;
};

/**
 * The helpdesk the content script runs on: a helpdesk's own domain, or a custom host it was
 * registered for. The background checked the entry before registering the script here and
 * checks the sender again on every port, so this only picks how the page is read, and
 * stays small (the content script's budget).
 */
export async function helpdeskHere(hostname: string): Promise<PageHere | null> {
  const own = pageOfHost(hostname);
  if (own) return { page: own, match: own.match };
  const entry = entryFor(hostname, [await readManagedHosts(), await repHelpdeskHosts().getValue()]);
  const page = entry ? pageOfHost(entry.account) : null;
  if (!entry || !page) return null;
  return {
    page,
    match: (url) => {
      const canonical = canonicalUrl(url, entry);
      return canonical ? page.match(canonical) : null;
    },
  };
}
