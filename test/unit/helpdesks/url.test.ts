import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TicketRef } from '../../../lib/domain/ticket-ref';
import { matchFreshdeskUrl } from '../../../lib/helpdesks/freshdesk/url';
import { adapterFor, adapterForHost, kindOfHost, matchTicket } from '../../../lib/helpdesks/registry';
import { matchZendeskUrl } from '../../../lib/helpdesks/zendesk/url';

const zd = (account: string, id: string): TicketRef => ({ helpdesk: 'zendesk', account, id });
const fd = (account: string, id: string): TicketRef => ({ helpdesk: 'freshdesk', account, id });

describe('matchZendeskUrl', () => {
  it.each<[string, TicketRef | null]>([
    ['https://acme.zendesk.com/agent/tickets/123', zd('acme.zendesk.com', '123')],
    ['https://acme.zendesk.com/agent/tickets/123/', zd('acme.zendesk.com', '123')],
    ['https://acme.zendesk.com/agent/tickets/123?foo=bar', zd('acme.zendesk.com', '123')],
    ['https://acme.zendesk.com/agent/tickets/123#comment-9', zd('acme.zendesk.com', '123')],
    ['https://acme.zendesk.com/agent/tickets/123/?a=1#x', zd('acme.zendesk.com', '123')],
    ['https://acme.zendesk.com/agent/tickets/123/events', zd('acme.zendesk.com', '123')],
    ['https://ACME.Zendesk.COM/agent/tickets/7', zd('acme.zendesk.com', '7')],
    ['https://my-co2.zendesk.com/agent/tickets/1', zd('my-co2.zendesk.com', '1')],
    ['https://acme.zendesk.com:443/agent/tickets/5', zd('acme.zendesk.com', '5')],
    // Past 2^32 and past 2^53: kept as the exact digits.
    ['https://acme.zendesk.com/agent/tickets/6130907993114', zd('acme.zendesk.com', '6130907993114')],
    [
      'https://acme.zendesk.com/agent/tickets/98765432109876543210',
      zd('acme.zendesk.com', '98765432109876543210'),
    ],
    ['https://acme.zendesk.com/agent/dashboard', null],
    ['https://acme.zendesk.com/agent/filters/123', null],
    ['https://acme.zendesk.com/agent/users/1/requested_tickets', null],
    ['https://acme.zendesk.com/agent/organizations/5', null],
    ['https://acme.zendesk.com/agent/search/1?q=refund', null],
    ['https://acme.zendesk.com/agent/tickets/new/1', null],
    ['https://acme.zendesk.com/agent/tickets/', null],
    ['https://acme.zendesk.com/agent/tickets/12abc', null],
    ['https://acme.zendesk.com/agent/tickets/0', null],
    ['https://acme.zendesk.com/agent/tickets/123456789012345678901', null],
    ['https://acme.zendesk.com/tickets/123', null],
    ['https://acme.zendesk.com/hc/en-us/requests/123', null],
    ['https://acme.zendesk.com/agent/tickets/123%2F..', null],
    ['http://acme.zendesk.com/agent/tickets/1', null],
    ['https://acme.zendesk.com:8443/agent/tickets/1', null],
    ['https://acme.zendesk.com.evil.com/agent/tickets/1', null],
    ['https://evil.com/agent/tickets/1', null],
    ['https://zendesk.com/agent/tickets/1', null],
    ['https://a.b.zendesk.com/agent/tickets/1', null],
    ['https://acme.freshdesk.com/agent/tickets/1', null],
    ['https://evil.com/?u=https://acme.zendesk.com/agent/tickets/1', null],
    ['/agent/tickets/1', null],
    ['', null],
    ['not a url', null],
  ])('%s', (url, expected) => {
    expect(matchZendeskUrl(url)).toEqual(expected);
  });
});

describe('matchFreshdeskUrl', () => {
  it.each<[string, TicketRef | null]>([
    ['https://acme.freshdesk.com/a/tickets/49548', fd('acme.freshdesk.com', '49548')],
    ['https://acme.freshdesk.com/a/tickets/49548/', fd('acme.freshdesk.com', '49548')],
    ['https://acme.freshdesk.com/a/tickets/49548?current_tab=details', fd('acme.freshdesk.com', '49548')],
    ['https://acme.freshdesk.com/a/tickets/49548#reply', fd('acme.freshdesk.com', '49548')],
    ['https://acme.freshdesk.com/a/tickets/49548/edit', fd('acme.freshdesk.com', '49548')],
    ['https://acme.freshdesk.com/helpdesk/tickets/223', fd('acme.freshdesk.com', '223')],
    ['https://acme.freshdesk.com/helpdesk/tickets/223/?x=1', fd('acme.freshdesk.com', '223')],
    ['https://Heysilo-Help.Freshdesk.com/a/tickets/501', fd('heysilo-help.freshdesk.com', '501')],
    ['https://acme.freshdesk.com/a/tickets/501012837977', fd('acme.freshdesk.com', '501012837977')],
    ['https://acme.freshdesk.com/a/tickets/filters/all_tickets', null],
    ['https://acme.freshdesk.com/a/tickets/filters/123', null],
    ['https://acme.freshdesk.com/a/tickets', null],
    ['https://acme.freshdesk.com/a/contacts/1', null],
    ['https://acme.freshdesk.com/a/companies/1', null],
    ['https://acme.freshdesk.com/a/dashboard/default', null],
    ['https://acme.freshdesk.com/support/tickets/5', null],
    ['https://acme.freshdesk.com/a/tickets/new', null],
    ['http://acme.freshdesk.com/a/tickets/1', null],
    ['https://acme.myfreshworks.com/a/tickets/1', null],
    ['https://acme.myfreshworks.com/crm/sales/tickets/1', null],
    ['https://acme.freshdesk.com.evil.com/a/tickets/1', null],
    ['https://evil.com/a/tickets/1', null],
    ['https://acme.zendesk.com/a/tickets/1', null],
    ['garbage', null],
  ])('%s', (url, expected) => {
    expect(matchFreshdeskUrl(url)).toEqual(expected);
  });
});

describe('registry', () => {
  it('matches either helpdesk and picks the adapter by kind or host', () => {
    expect(matchTicket('https://acme.zendesk.com/agent/tickets/9')).toEqual(zd('acme.zendesk.com', '9'));
    expect(matchTicket('https://acme.freshdesk.com/helpdesk/tickets/9')).toEqual(
      fd('acme.freshdesk.com', '9'),
    );
    expect(matchTicket('https://example.com/agent/tickets/9')).toBeNull();
    expect(adapterFor('zendesk').kind).toBe('zendesk');
    expect(adapterFor('freshdesk').kind).toBe('freshdesk');
    expect(kindOfHost('ACME.zendesk.com')).toBe('zendesk');
    expect(kindOfHost('acme.freshdesk.com')).toBe('freshdesk');
    expect(kindOfHost('acme.myfreshworks.com')).toBeNull();
    expect(kindOfHost('acme.zendesk.com.evil.com')).toBeNull();
    expect(adapterForHost('x.freshdesk.com')?.kind).toBe('freshdesk');
    expect(adapterForHost('evil.com')).toBeNull();
  });
});

describe('match properties', () => {
  it('never throws, and anything matched is a valid TicketRef', () => {
    const arbitraryUrl = fc.oneof(
      fc.string(),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc
        .tuple(fc.constantFrom('zendesk', 'freshdesk'), fc.string(), fc.string())
        .map(([h, sub, rest]) => `https://${sub}.${h}.com/${rest}`),
    );
    fc.assert(
      fc.property(arbitraryUrl, (url) => {
        for (const ref of [matchZendeskUrl(url), matchFreshdeskUrl(url), matchTicket(url)]) {
          if (ref !== null) expect(TicketRef.safeParse(ref).success).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('ids round-trip exactly, far past 2^53', () => {
    const id = fc.bigInt({ min: 1n, max: 10n ** 20n - 1n }).map(String);
    const sub = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
    const tail = fc.constantFrom('', '/', '?a=1', '#x', '/events');
    fc.assert(
      fc.property(sub, id, tail, (s, n, t) => {
        expect(matchZendeskUrl(`https://${s}.zendesk.com/agent/tickets/${n}${t}`)?.id).toBe(n);
        expect(matchFreshdeskUrl(`https://${s}.freshdesk.com/a/tickets/${n}${t}`)?.id).toBe(n);
        expect(matchFreshdeskUrl(`https://${s}.freshdesk.com/helpdesk/tickets/${n}${t}`)?.id).toBe(n);
      }),
    );
  });
});
