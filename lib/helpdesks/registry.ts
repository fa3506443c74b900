import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from './adapter';
import { freshdeskAdapter } from './freshdesk';
import { zendeskAdapter } from './zendesk';

const ADAPTERS: Record<HelpdeskKind, HelpdeskAdapter> = {
  zendesk: zendeskAdapter,
  freshdesk: freshdeskAdapter,
};

export const adapterFor = (kind: HelpdeskKind): HelpdeskAdapter => ADAPTERS[kind];

/** The helpdesk an account host belongs to (`acme.zendesk.com` → zendesk), or null. */
export function kindOfHost(host: string): HelpdeskKind | null {
  const h = host.toLowerCase();
  if (/^[a-z0-9-]+\.zendesk\.com$/.test(h)) return 'zendesk';
  if (/^[a-z0-9-]+\.freshdesk\.com$/.test(h)) return 'freshdesk';
  return null;
}

export function adapterForHost(host: string): HelpdeskAdapter | null {
  const kind = kindOfHost(host);
  return kind ? ADAPTERS[kind] : null;
}

/** The ticket any supported helpdesk shows at `url`, or null. */
export function matchTicket(url: string): TicketRef | null {
  for (const adapter of Object.values(ADAPTERS)) {
    const ref = adapter.match(url);
    if (ref) return ref;
  }
  return null;
}
