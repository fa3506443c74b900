import { freshdeskPages } from './freshdesk/pages';
import { freshdeskPlatform } from './freshdesk/platform';
import type { HelpdeskPages, HelpdeskPlatform } from './platform';
import { zendeskPages } from './zendesk/pages';
import { zendeskPlatform } from './zendesk/platform';

/**
 * Every helpdesk Frontline supports, and the one place outside a platform's own folder
 * that names them. Zod-free: the content script, the manifest (wxt.config.ts) and
 * lib/domain's TicketRef derive what they accept from these lists. The types make a
 * kind without its page or platform a compile error.
 */
export const HELPDESK_KINDS = ['zendesk', 'freshdesk'] as const;
export type HelpdeskKind = (typeof HELPDESK_KINDS)[number];

/** Only which pages are tickets, so the content script's bundle leaves the rest of each platform out. */
const PAGES: { readonly [K in HelpdeskKind]: HelpdeskPages<K> } = {
  zendesk: zendeskPages,
  freshdesk: freshdeskPages,
};

const PLATFORMS: { readonly [K in HelpdeskKind]: HelpdeskPlatform<K> } = {
  zendesk: zendeskPlatform,
  freshdesk: freshdeskPlatform,
};

export const platforms = (): readonly HelpdeskPlatform<HelpdeskKind>[] =>
  HELPDESK_KINDS.map((kind) => PLATFORMS[kind]);

export const platformOf = <K extends HelpdeskKind>(kind: K): HelpdeskPlatform<K> => PLATFORMS[kind];

/** The helpdesk an account host belongs to (`acme.zendesk.com` → Zendesk), or null. */
export function platformOfHost(host: string): HelpdeskPlatform<HelpdeskKind> | null {
  const h = host.toLowerCase();
  return platforms().find((p) => p.host.test(h)) ?? null;
}

export const kindOfHost = (host: string): HelpdeskKind | null => platformOfHost(host)?.kind ?? null;

/** The ticket any supported helpdesk shows at `url`, or null. */
export function matchTicket(url: string): { helpdesk: HelpdeskKind; account: string; id: string } | null {
  for (const platform of platforms()) {
    const ref = platform.match(url);
    if (ref) return ref;
  }
  return null;
}

/** Host permissions, and where the sidebar page may be framed. */
export const helpdeskOrigins = (): string[] => platforms().flatMap((p) => p.origins);

/** The agent pages the content script runs on. */
export const contentMatches = (): string[] => HELPDESK_KINDS.flatMap((kind) => PAGES[kind].pages);

/** Which pages of one helpdesk are its tickets. */
export const pageOf = (kind: HelpdeskKind): HelpdeskPages<HelpdeskKind> => PAGES[kind];
