import { describe, expect, it } from 'vitest';
import { TicketRef } from '../../../lib/domain/ticket-ref';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { freshdeskExamples } from '../../../lib/helpdesks/freshdesk/examples';
import { freshdeskPage } from '../../../lib/helpdesks/freshdesk/page';
import { freshdeskPlatform } from '../../../lib/helpdesks/freshdesk/platform';
import { pageOfHost } from '../../../lib/helpdesks/page-of-host';
import {
  contentMatches,
  helpdeskOrigins,
  matchTicket,
  platformOfHost,
  platforms,
} from '../../../lib/helpdesks/registry';
import { zendeskExamples } from '../../../lib/helpdesks/zendesk/examples';
import { zendeskPage } from '../../../lib/helpdesks/zendesk/page';
import { zendeskPlatform } from '../../../lib/helpdesks/zendesk/platform';
import { isHelpdeskUrl } from '../../../lib/messaging/sender';
import { acmeExamples } from '../../fixtures/platforms/acme/examples';
import { acmePlatform } from '../../fixtures/platforms/acme/platform';
import { platformContract } from './contract';

platformContract({ ...zendeskPlatform, ...zendeskPage }, zendeskExamples);
platformContract({ ...freshdeskPlatform, ...freshdeskPage }, freshdeskExamples);
platformContract(acmePlatform, acmeExamples);

const registered = [
  [zendeskPlatform, zendeskExamples],
  [freshdeskPlatform, freshdeskExamples],
] as const;

describe('the registry', () => {
  it('lists every registered platform once, with its own kind and code', () => {
    expect(platforms()).toEqual(registered.map(([p]) => p));
    expect(new Set(platforms().map((p) => p.kind)).size).toBe(platforms().length);
    expect(new Set(platforms().map((p) => p.code)).size).toBe(platforms().length);
  });

  it('gives each platform the API adapter of the same helpdesk', () => {
    for (const platform of platforms()) {
      const adapter = adapterFor(platform.kind);
      expect(adapter.kind).toBe(platform.kind);
      expect(adapter.match).toBe(platform.match);
      expect(adapter.allows).toBe(pageOfHost(platform.accountOf('acme'))?.allows);
      expect(adapter.credential).toBe(platform.credential);
    }
  });

  it.each(registered)(
    'routes $kind ticket pages to it alone, and TicketRef and the sender checks accept them',
    (platform, examples) => {
      for (const [url, account, id] of examples.tickets) {
        expect(matchTicket(url)).toEqual({ helpdesk: platform.kind, account, id });
        expect(platformOfHost(account)).toBe(platform);
        expect(TicketRef.safeParse({ helpdesk: platform.kind, account, id }).success).toBe(true);
        expect(isHelpdeskUrl(url)).toBe(true);
        for (const other of platforms().filter((p) => p !== platform)) expect(other.match(url)).toBeNull();
      }
    },
  );

  it('derives the manifest host permissions and content-script matches from the platforms', () => {
    expect(helpdeskOrigins()).toEqual(platforms().flatMap((p) => p.origins));
    expect(contentMatches()).toEqual(platforms().flatMap((p) => p.pages));
    for (const platform of platforms())
      expect(pageOfHost(platform.accountOf('acme'))?.kind).toBe(platform.kind);
  });

  it('accepts nothing of a platform that is not registered', () => {
    const [url, account, id] = acmeExamples.tickets[0]!;
    expect(matchTicket(url)).toBeNull();
    expect(platformOfHost(account)).toBeNull();
    expect(isHelpdeskUrl(url)).toBe(false);
    expect(TicketRef.safeParse({ helpdesk: acmePlatform.kind, account, id }).success).toBe(false);
    expect(TicketRef.safeParse({ helpdesk: zendeskPlatform.kind, account, id }).success).toBe(false);
  });
});
