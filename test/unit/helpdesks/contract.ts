import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HelpdeskPage, HelpdeskPlatform, UrlExamples } from '../../../lib/helpdesks/platform';

/**
 * What every platform (lib/helpdesks/<kind>/page.ts) must satisfy, run against Zendesk,
 * Freshdesk and the test-only Acme platform (platforms.test.ts). A new helpdesk passes
 * this before it is added to the registry.
 */

/** Chrome match pattern (`https://*.example.com/path/*`) as a test of a URL. */
export function matchesPattern(pattern: string, url: string): boolean {
  const m = /^(https):\/\/(\*\.)?([^/*]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`not a match pattern this test understands: ${pattern}`);
  const [, scheme, anySub, host, path] = m as unknown as [string, string, string | undefined, string, string];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== `${scheme}:`) return false;
  const h = parsed.hostname;
  if (!(h === host || (anySub !== undefined && h.endsWith(`.${host}`)))) return false;
  const glob = new RegExp(
    `^${path
      .split('*')
      .map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return glob.test(parsed.pathname + parsed.search);
}

const SUBDOMAIN = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,19}$/);

export function platformContract(platform: HelpdeskPlatform & HelpdeskPage, examples: UrlExamples): void {
  describe(`platform contract: ${platform.kind}`, () => {
    it('names itself: a lower-case kind, a display name and a one-letter code', () => {
      expect(platform.kind).toMatch(/^[a-z][a-z0-9]*$/);
      expect(platform.name.trim()).not.toBe('');
      expect(platform.code).toMatch(/^[a-z]$/);
    });

    it.each(examples.tickets)('matches the ticket page %s', (url, account, id) => {
      expect(platform.match(url)).toEqual({ helpdesk: platform.kind, account, id });
    });

    it.each(examples.notTickets)('matches no ticket at %s', (url) => {
      expect(platform.match(url)).toBeNull();
    });

    it('builds ticket URLs that it matches back to the same ticket', () => {
      for (const [, account, id] of examples.tickets) {
        expect(platform.match(platform.ticketUrl({ account, id }))).toEqual({
          helpdesk: platform.kind,
          account,
          id,
        });
      }
    });

    it('accepts its example accounts as hosts, and no look-alike host', () => {
      for (const [, account] of examples.tickets) {
        expect(platform.host.test(account)).toBe(true);
        expect(platform.host.test(`${account}.evil.com`)).toBe(false);
        expect(platform.host.test(`a.${account}`)).toBe(false);
      }
      expect(platform.host.test('evil.com')).toBe(false);
      fc.assert(
        fc.property(SUBDOMAIN, (sub) => {
          const account = platform.accountOf(sub);
          expect(platform.host.test(account)).toBe(true);
          expect(account.split('.')[0]).toBe(sub);
        }),
      );
    });

    it('never throws on any string, and matches only https URLs on its own hosts', () => {
      const url = fc.oneof(
        fc.string(),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.tuple(SUBDOMAIN, fc.string()).map(([sub, rest]) => `https://${platform.accountOf(sub)}/${rest}`),
      );
      fc.assert(
        fc.property(url, (u) => {
          const ref = platform.match(u);
          if (ref === null) return;
          expect(ref.helpdesk).toBe(platform.kind);
          expect(platform.host.test(ref.account)).toBe(true);
          expect(ref.id).toMatch(/^[1-9]\d{0,19}$/);
          expect(u.toLowerCase().startsWith('https://')).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });

    it('asks for host permission on every ticket page, and runs the content script there', () => {
      expect(platform.origins.length).toBeGreaterThan(0);
      for (const [url] of examples.tickets) {
        const lower = new URL(url).href;
        expect(platform.origins.some((p) => matchesPattern(p, lower))).toBe(true);
        expect(platform.pages.some((p) => matchesPattern(p, lower))).toBe(true);
      }
    });

    it('runs the content script only within its host permissions', () => {
      for (const page of platform.pages) {
        const sample = page.replace('*.', 'x.').replaceAll('*', 'y');
        expect(platform.origins.some((origin) => matchesPattern(origin, sample))).toBe(true);
      }
    });

    it('allows no request that leaves the origin or the API', () => {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        for (const path of [
          'https://evil.com/api/v2/tickets/1',
          '//evil.com/api/v2/tickets/1',
          '/api/v2/../../admin',
          '/admin/api/v2/tickets/1',
          '/api/v2/tickets/1?next=..%2F',
          '',
        ]) {
          expect(platform.allows(method, path, undefined)).toBe(false);
        }
      }
      expect(platform.allows('PATCH', '/api/v2/tickets/1', {})).toBe(false);
    });

    it('builds a stored credential from the secret a rep types, and authenticates with it', () => {
      const { credential } = platform;
      expect(Object.keys(credential.fields)).toContain(credential.secret);
      const secret = 'k3y-0f-the-rep-123';
      const built = credential.fromSecret(secret, 'agent@example.com');
      expect(built).not.toBeNull();
      expect(Object.keys(built ?? {}).sort()).toEqual(Object.keys(credential.fields).sort());
      for (const [field, min] of Object.entries(credential.fields)) {
        expect(built?.[field]?.length ?? 0).toBeGreaterThanOrEqual(min);
      }
      expect(built?.[credential.secret]).toBe(secret);
      const [user, password] = credential.basicAuth(built ?? {});
      expect(`${user}:${password}`).toContain(secret);
      expect(credential.where === null || credential.where.trim() !== '').toBe(true);
    });

    it('reads a CSRF token, if it needs one, same-origin and without throwing', () => {
      if (platform.csrf === null) return;
      expect(platform.csrf.path).toMatch(/^\/api\//);
      expect(platform.allows('GET', platform.csrf.path, undefined)).toBe(true);
      for (const body of [null, undefined, 'x', 1, {}, { user: null }, []]) {
        expect(platform.csrf.read(body)).toBeNull();
        expect(platform.csrf.renew?.read(body) ?? null).toBeNull();
      }
      expect(platform.csrf.renew?.path ?? '/api/').toMatch(/^\/api\//);
      // A write the helpdesk accepted (2xx) or could not take (429, 5xx) is never resent for its token.
      for (const status of [200, 201, 204, 409, 429, 500, 503])
        expect(platform.csrf.stale(status, '{}')).toBe(false);
    });

    it('says how it writes and who owns a case', () => {
      expect(['session', 'token']).toContain(platform.writes);
      expect(['first-assigned', 'first-replied']).toContain(platform.ownerRule);
      expect(typeof platform.closedTakesWrites).toBe('boolean');
    });
  });
}
