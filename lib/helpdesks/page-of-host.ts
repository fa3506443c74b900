import { freshdeskPage } from './freshdesk/page';
import type { HelpdeskPage } from './platform';
import { HELPDESK_KINDS, type HelpdeskKind } from './registry';
import { zendeskPage } from './zendesk/page';

/*
 * What a request to a helpdesk may be (allow-lists) and carry (CSRF), for the content script and
 * the token transport. Not in registry.ts: every bundle that names a helpdesk imports the
 * registry, and the sidebar, which sends no request, would carry the allow-lists with it.
 */
const PAGES: { readonly [K in HelpdeskKind]: HelpdeskPage<K> } = {
  zendesk: zendeskPage,
  freshdesk: freshdeskPage,
};

/** The content script's view of the helpdesk serving `host`, or null. */
export function pageOfHost(host: string): HelpdeskPage<HelpdeskKind> | null {
  const h = host.toLowerCase();
  return HELPDESK_KINDS.map((kind) => PAGES[kind]).find((p) => p.host.test(h)) ?? null;
}
