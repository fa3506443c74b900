import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TicketRef } from '../../../lib/domain/ticket-ref';
import { adapterFor, adapterForHost } from '../../../lib/helpdesks/adapters';
import { matchFreshdeskUrl } from '../../../lib/helpdesks/freshdesk/url';
import { kindOfHost, matchTicket } from '../../../lib/helpdesks/registry';
import { matchZendeskUrl } from '../../../lib/helpdesks/zendesk/url';

const zd = (account: string, id: string): TicketRef => ({ helpdesk: 'zendesk', account, id });
const fd = (account: string, id: string): TicketRef => ({ helpdesk: 'freshdesk', account, id });

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
