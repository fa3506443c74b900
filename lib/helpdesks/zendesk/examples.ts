import type { UrlExamples } from '../platform';

/**
 * Agent URLs beside the matcher (url.ts, page.ts), refined-github style: each ticket page with
 * the account and id it shows, then pages that show no ticket. The contract tests
 * (test/unit/helpdesks/contract.ts) run every platform's examples; never bundled.
 */
export const zendeskExamples: UrlExamples = {
  tickets: [
    ['https://acme.zendesk.com/agent/tickets/123', 'acme.zendesk.com', '123'],
    ['https://acme.zendesk.com/agent/tickets/123/', 'acme.zendesk.com', '123'],
    ['https://acme.zendesk.com/agent/tickets/123?foo=bar', 'acme.zendesk.com', '123'],
    ['https://acme.zendesk.com/agent/tickets/123#comment-9', 'acme.zendesk.com', '123'],
    ['https://acme.zendesk.com/agent/tickets/123/?a=1#x', 'acme.zendesk.com', '123'],
    ['https://acme.zendesk.com/agent/tickets/123/events', 'acme.zendesk.com', '123'],
    ['https://ACME.Zendesk.COM/agent/tickets/7', 'acme.zendesk.com', '7'],
    ['https://my-co2.zendesk.com/agent/tickets/1', 'my-co2.zendesk.com', '1'],
    ['https://acme.zendesk.com:443/agent/tickets/5', 'acme.zendesk.com', '5'],
    // Past 2^32 and past 2^53: kept as the exact digits.
    ['https://acme.zendesk.com/agent/tickets/6130907993114', 'acme.zendesk.com', '6130907993114'],
    [
      'https://acme.zendesk.com/agent/tickets/98765432109876543210',
      'acme.zendesk.com',
      '98765432109876543210',
    ],
  ],
  notTickets: [
    'https://acme.zendesk.com/agent/dashboard',
    'https://acme.zendesk.com/agent/filters/123',
    'https://acme.zendesk.com/agent/users/1/requested_tickets',
    'https://acme.zendesk.com/agent/organizations/5',
    'https://acme.zendesk.com/agent/search/1?q=refund',
    'https://acme.zendesk.com/agent/tickets/new/1',
    'https://acme.zendesk.com/agent/tickets/',
    'https://acme.zendesk.com/agent/tickets/12abc',
    'https://acme.zendesk.com/agent/tickets/0',
    'https://acme.zendesk.com/agent/tickets/123456789012345678901',
    'https://acme.zendesk.com/tickets/123',
    'https://acme.zendesk.com/hc/en-us/requests/123',
    'https://acme.zendesk.com/agent/tickets/123%2F..',
    'http://acme.zendesk.com/agent/tickets/1',
    'https://acme.zendesk.com:8443/agent/tickets/1',
    'https://acme.zendesk.com.evil.com/agent/tickets/1',
    'https://evil.com/agent/tickets/1',
    'https://zendesk.com/agent/tickets/1',
    'https://a.b.zendesk.com/agent/tickets/1',
    'https://acme.freshdesk.com/agent/tickets/1',
    'https://evil.com/?u=https://acme.zendesk.com/agent/tickets/1',
    '/agent/tickets/1',
    '',
    'not a url',
  ],
};
