import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import { freshdeskAllows } from '../helpdesks/freshdesk/allow-list';
import { matchFreshdeskUrl } from '../helpdesks/freshdesk/url';
import { zendeskAllows } from '../helpdesks/zendesk/allow-list';
import { matchZendeskUrl } from '../helpdesks/zendesk/url';

/**
 * The two pure pieces of an adapter the content script needs, imported
 * directly so the schemas and API code stay out of the content bundle.
 */
export interface HelpdeskPage {
  helpdesk: HelpdeskKind;
  match(url: string): TicketRef | null;
  allows(method: string, path: string, body: unknown): boolean;
}

export function helpdeskPage(hostname: string): HelpdeskPage | null {
  if (hostname.endsWith('.zendesk.com'))
    return { helpdesk: 'zendesk', match: matchZendeskUrl, allows: zendeskAllows };
  if (hostname.endsWith('.freshdesk.com'))
    return { helpdesk: 'freshdesk', match: matchFreshdeskUrl, allows: freshdeskAllows };
  return null;
}
