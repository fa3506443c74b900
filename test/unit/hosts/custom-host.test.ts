import { describe, expect, it } from 'vitest';
import {
  canonicalUrl,
  checkCustomHost,
  configuredHosts,
  hostOfOrigin,
  hostOrigin,
  MAX_HOSTS,
  pagesOn,
  readHostList,
} from '../../../lib/domain/custom-host';

const FD = 'acme.freshdesk.com';

describe('checkCustomHost: which hosts an administrator or a rep may add', () => {
  it.each([
    ['support.acme.com', 'support.acme.com'],
    ['  Support.ACME.com ', 'support.acme.com'],
    ['https://support.acme.com', 'support.acme.com'],
    ['https://support.acme.com/', 'support.acme.com'],
    ['help.acme.co.uk', 'help.acme.co.uk'],
    ['support.acme.test', 'support.acme.test'],
  ])('accepts %j as %s', (host, expected) => {
    expect(checkCustomHost(host, FD)).toEqual({ host: expected, account: FD, kind: 'freshdesk' });
  });

  it.each([
    ['http://support.acme.com', 'Only https'],
    ['*.acme.com', 'No wildcards'],
    ['https://*/*', 'No wildcards'],
    ['support.acme.com:8443', 'no path or port'],
    ['https://support.acme.com/a/tickets', 'no path or port'],
    ['user@support.acme.com', 'no path or port'],
    ['localhost', 'not a valid host name'],
    ['10.0.0.1', 'not a valid host name'],
    ['-bad.acme.com', 'not a valid host name'],
    ['bad_label.acme.com', 'not a valid host name'],
    ['', 'not a valid host name'],
    [42, 'must be a host name'],
    ['acme.freshdesk.com', 'already runs on'],
    ['eu.acme.freshdesk.com', 'already runs on'],
    ['acme.zendesk.com', 'already runs on'],
  ])('refuses %j (%s)', (host, message) => {
    const result = checkCustomHost(host, FD);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(message);
  });

  it.each([
    ['support.acme.com', 'must be a helpdesk account'],
    ['acme.freshdesk.com.evil.com', 'must be a helpdesk account'],
    ['', 'must be a helpdesk account'],
    [undefined, 'must be a helpdesk account'],
  ])('refuses the account %j: the canonical account must be a known helpdesk host', (account, message) => {
    expect((checkCustomHost('support.acme.com', account) as { error: string }).error).toContain(message);
  });

  it('refuses a Zendesk account: its agents stay on {sub}.zendesk.com (host mapping moves only the help center)', () => {
    expect((checkCustomHost('support.acme.com', 'acme.zendesk.com') as { error: string }).error).toBe(
      'Zendesk agents stay on acme.zendesk.com: there is nothing to add.',
    );
  });
});

describe('readHostList and configuredHosts', () => {
  it('keeps the valid entries and says why each other one is left out', () => {
    const { hosts, problems } = readHostList(
      [
        { host: 'support.acme.com', account: FD },
        { host: '*.acme.com', account: FD },
        { host: 'support.acme.com', account: FD },
        'nonsense',
      ],
      'rep',
    );
    expect(hosts).toEqual([{ host: 'support.acme.com', account: FD, kind: 'freshdesk', by: 'rep' }]);
    expect(problems).toEqual([
      'No wildcards: add each host your agents open.',
      'support.acme.com is listed twice.',
      'The host must be a host name such as support.acme.com.',
    ]);
  });

  it('reads nothing from a missing list, and says so for a list that is not one', () => {
    expect(readHostList(undefined, 'admin')).toEqual({ hosts: [], problems: [] });
    expect(readHostList({ host: 'support.acme.com' }, 'admin').problems).toEqual([
      'The host list is not a list.',
    ]);
  });

  it(`stops at ${MAX_HOSTS} hosts`, () => {
    const many = Array.from({ length: MAX_HOSTS + 1 }, (_, i) => ({ host: `h${i}.acme.com`, account: FD }));
    const { hosts, problems } = readHostList(many, 'rep');
    expect(hosts).toHaveLength(MAX_HOSTS);
    expect(problems).toEqual([`At most ${MAX_HOSTS} hosts: h${MAX_HOSTS}.acme.com is left out.`]);
  });

  it("the administrator's entry wins over the rep's for the same host, and the policy's problems say so", () => {
    const { hosts, problems } = configuredHosts(
      [
        { host: 'support.acme.com', account: FD },
        { host: 'http://old.acme.com', account: FD },
      ],
      [
        { host: 'support.acme.com', account: 'other.freshdesk.com' },
        { host: 'help.acme.com', account: FD },
      ],
    );
    expect(hosts.map((h) => [h.host, h.account, h.by])).toEqual([
      ['support.acme.com', FD, 'admin'],
      ['help.acme.com', FD, 'rep'],
    ]);
    expect(problems).toEqual(['Policy: Only https hosts: Frontline runs only on https pages.']);
  });
});

describe('origins, pages and URLs of a custom host', () => {
  it('asks for exactly one https origin, and reads it back', () => {
    expect(hostOrigin('support.acme.com')).toBe('https://support.acme.com/*');
    expect(hostOfOrigin('https://support.acme.com/*')).toBe('support.acme.com');
    expect(hostOfOrigin('https://*/*')).toBeNull();
    expect(hostOfOrigin('https://*.zendesk.com/*')).toBeNull();
    expect(hostOfOrigin('http://support.acme.com/*')).toBeNull();
  });

  it("runs on the helpdesk's agent pages of that host only", () => {
    expect(
      pagesOn('support.acme.com', [
        'https://*.freshdesk.com/a/*',
        'https://*.freshdesk.com/helpdesk/tickets/*',
      ]),
    ).toEqual(['https://support.acme.com/a/*', 'https://support.acme.com/helpdesk/tickets/*']);
  });

  const entry = { host: 'support.acme.com', account: FD };
  it.each([
    ['https://support.acme.com/a/tickets/7', 'https://acme.freshdesk.com/a/tickets/7'],
    ['https://support.acme.com/a/tickets/7?x=1#y', 'https://acme.freshdesk.com/a/tickets/7?x=1#y'],
    ['https://support.acme.com:8443/a/tickets/7', null],
    ['http://support.acme.com/a/tickets/7', null],
    ['https://evil.com/a/tickets/7', null],
    ['https://support.acme.com.evil.com/a/tickets/7', null],
    ['not a url', null],
  ])('maps %s to the canonical account as %s', (url, expected) => {
    expect(canonicalUrl(url, entry)).toBe(expected);
  });
});
