import type { HelpdeskPlatform } from '../platform';
import { zendeskPages } from './pages';

/** Zendesk as the manifest, the routing and the rep see it (zod-free). */
export const zendeskPlatform = {
  ...zendeskPages,
  name: 'Zendesk',
  code: 'z',
  accountOf: (subdomain) => `${subdomain}.zendesk.com`,
  origins: ['https://*.zendesk.com/*'],
  ticketUrl: (ref) => `https://${ref.account}/agent/tickets/${ref.id}`,
  writes: 'session',
  // Zendesk keeps the audit trail of assignments: the first assignee owns the case.
  ownerRule: 'first-assigned',
  trailSource: 'audits',
  // Zendesk answers 422 to any update of a closed ticket.
  closedTakesWrites: false,
  // Zendesk's host mapping moves only the help center; agents stay on {sub}.zendesk.com (helpdesk-apis.md §7).
  customHosts: false,
  // The agent workspace shows another update of an open ticket, and refuses a save that collides with it.
  pageKeepsTicket: false,
  // Search takes ISO 8601 date-times, compared to the second (zendesk/search.ts).
  searchTime: 'second',
  credential: {
    fields: { email: 3, token: 1 },
    secret: 'token',
    // An API token authenticates as the agent whose email goes with it.
    fromSecret: (token, email) => (email ? { email, token } : null),
    basicAuth: (c) => [`${c.email}/token`, c.token ?? ''],
    where: null,
  },
} as const satisfies HelpdeskPlatform<'zendesk'>;
