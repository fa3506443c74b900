import { platformOf } from '../helpdesks/registry';
import type { HelpdeskKind, TicketRef } from './ticket-ref';

/*
 * What the sidebar and the options page show of a helpdesk, from its platform: components
 * import these and never lib/helpdesks, and branch on no helpdesk's name.
 */

/** The brand name a rep reads ("Zendesk"). */
export const helpdeskName = (kind: HelpdeskKind): string => platformOf(kind).name;

/** Whether an owner derived without a marker is the first assignee or the first agent to reply. */
export const derivedOwnerRule = (kind: HelpdeskKind): 'first-assigned' | 'first-replied' =>
  platformOf(kind).ownerRule;

/** Where in the helpdesk a rep finds their own API key; null: their administrator gives them one. */
export const apiKeyWhere = (kind: HelpdeskKind): string | null => platformOf(kind).credential.where;

/** The ticket's page, when the helpdesk's agent page keeps a ticket it loaded after an API write; else null. */
export const pageToReload = (ref: TicketRef): string | null => {
  const platform = platformOf(ref.helpdesk);
  return platform.pageKeepsTicket ? platform.ticketUrl(ref) : null;
};
