import type { HelpdeskPlatform } from '../platform';
import { freshdeskPages } from './pages';

/** Freshdesk as the manifest, the routing and the rep see it (zod-free). */
export const freshdeskPlatform = {
  ...freshdeskPages,
  name: 'Freshdesk',
  code: 'f',
  accountOf: (subdomain) => `${subdomain}.freshdesk.com`,
  origins: ['https://*.freshdesk.com/*'],
  ticketUrl: (ref) => `https://${ref.account}/a/tickets/${ref.id}`,
  // Cookie-only writes to Freshdesk's API are not documented to work: writes use the rep's API key.
  writes: 'token',
  // Freshdesk keeps no assignment trail: the first agent to reply publicly owns the case.
  ownerRule: 'first-replied',
  // Its API has no audit trail either: reassignments are the ones Frontline saw.
  trailSource: 'observed',
  // A closed Freshdesk ticket that is not archived still takes private notes.
  closedTakesWrites: true,
  // An administrator can move the agent portal to a CNAME (Freshdesk article 50000004704, helpdesk-apis.md §7).
  customHosts: true,
  // Its agent page does not reload a ticket after an API write (the sidebar asks the rep to).
  pageKeepsTicket: true,
  // Filter search takes whole UTC days only (helpdesk-apis.md §2.2).
  searchTime: 'day',
  credential: {
    fields: { apiKey: 1 },
    secret: 'apiKey',
    fromSecret: (apiKey) => ({ apiKey }),
    // Freshdesk's API key is the user; the password is ignored (any letter).
    basicAuth: (c) => [c.apiKey ?? '', 'X'],
    where: 'Profile settings → Your API Key',
  },
} as const satisfies HelpdeskPlatform<'freshdesk'>;
