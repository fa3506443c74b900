import type { browser } from 'wxt/browser';
import type { TicketRef } from '../domain/ticket-ref';
import { platformOf } from '../helpdesks/registry';

/** The agent page of a ticket: what a rep would type into the address bar. */
export const ticketUrl = (ref: TicketRef): string => platformOf(ref.helpdesk).ticketUrl(ref);

export interface TabInfo {
  id?: number | undefined;
  url?: string | undefined;
  active?: boolean | undefined;
  lastAccessed?: number | undefined;
}

const hostOf = (url: string | undefined): string | null => {
  try {
    return url === undefined ? null : new URL(url).host;
  } catch {
    return null;
  }
};

/**
 * The tab to show the ticket in: one already on it, else the most recently used tab
 * of that helpdesk account; null when none is open (then a new tab).
 */
export function pickTab(tabs: readonly TabInfo[], ref: TicketRef): TabInfo | null {
  const url = ticketUrl(ref);
  const onAccount = tabs.filter((tab) => tab.id !== undefined && hostOf(tab.url) === ref.account);
  const showing = onAccount.find((tab) => tab.url === url || tab.url?.startsWith(`${url}/`));
  if (showing) return showing;
  return [...onAccount].sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
}

/** Opens the ticket in that helpdesk's tab, or a new tab; needs no `tabs` permission beyond host access. */
export async function openTicket(
  tabs: Pick<typeof browser.tabs, 'query' | 'update' | 'create'>,
  ref: TicketRef,
): Promise<void> {
  const url = ticketUrl(ref);
  const tab = pickTab(await tabs.query({ url: `https://${ref.account}/*` }), ref);
  if (tab?.id !== undefined) {
    await tabs.update(tab.id, tab.url === url ? { active: true } : { url, active: true });
    return;
  }
  await tabs.create({ url });
}
