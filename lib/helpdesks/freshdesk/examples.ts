import type { UrlExamples } from '../platform';

/**
 * Agent URLs beside the matcher (url.ts, page.ts), refined-github style: each ticket page with
 * the account and id it shows, then pages that show no ticket. The contract tests
 * (test/unit/helpdesks/contract.ts) run every platform's examples; never bundled.
 */
export const freshdeskExamples: UrlExamples = {
  tickets: [
    ['https://acme.freshdesk.com/a/tickets/49548', 'acme.freshdesk.com', '49548'],
    ['https://acme.freshdesk.com/a/tickets/49548/', 'acme.freshdesk.com', '49548'],
    ['https://acme.freshdesk.com/a/tickets/49548?current_tab=details', 'acme.freshdesk.com', '49548'],
    ['https://acme.freshdesk.com/a/tickets/49548#reply', 'acme.freshdesk.com', '49548'],
    ['https://acme.freshdesk.com/a/tickets/49548/edit', 'acme.freshdesk.com', '49548'],
    ['https://acme.freshdesk.com/helpdesk/tickets/223', 'acme.freshdesk.com', '223'],
    ['https://acme.freshdesk.com/helpdesk/tickets/223/?x=1', 'acme.freshdesk.com', '223'],
    ['https://Heysilo-Help.Freshdesk.com/a/tickets/501', 'heysilo-help.freshdesk.com', '501'],
    ['https://acme.freshdesk.com/a/tickets/501012837977', 'acme.freshdesk.com', '501012837977'],
  ],
  notTickets: [
    'https://acme.freshdesk.com/a/tickets/filters/all_tickets',
    'https://acme.freshdesk.com/a/tickets/filters/123',
    'https://acme.freshdesk.com/a/tickets',
    'https://acme.freshdesk.com/a/contacts/1',
    'https://acme.freshdesk.com/a/companies/1',
    'https://acme.freshdesk.com/a/dashboard/default',
    'https://acme.freshdesk.com/support/tickets/5',
    'https://acme.freshdesk.com/a/tickets/new',
    'http://acme.freshdesk.com/a/tickets/1',
    'https://acme.myfreshworks.com/a/tickets/1',
    'https://acme.myfreshworks.com/crm/sales/tickets/1',
    'https://acme.freshdesk.com.evil.com/a/tickets/1',
    'https://evil.com/a/tickets/1',
    'https://acme.zendesk.com/a/tickets/1',
    'garbage',
  ],
};
