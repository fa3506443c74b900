import { afterEach, describe, expect, it, vi } from 'vitest';
import { csrfTokens } from '../../../lib/content/csrf';
import { freshdeskPage } from '../../../lib/helpdesks/freshdesk/page';
import { zendeskPage } from '../../../lib/helpdesks/zendesk/page';
import { fakePage, ME_PATH, me, ORIGIN, RENEW_PATH, renewed } from './fake-page';

afterEach(() => vi.unstubAllGlobals());

describe('csrfTokens', () => {
  it('fetches the token once per page and reuses it', async () => {
    const { calls } = fakePage({ [ME_PATH]: [() => me('t0')] });
    const tokens = csrfTokens(zendeskPage.csrf);
    expect(await tokens.current()).toBe('t0');
    expect(await tokens.current()).toBe('t0');
    expect(calls).toHaveLength(1);
  });

  it('does not keep a failed fetch: the next write asks again', async () => {
    fakePage({ [ME_PATH]: [() => new Error('offline'), () => me('t0')] });
    const tokens = csrfTokens(zendeskPage.csrf);
    expect(await tokens.current()).toBeNull();
    expect(await tokens.current()).toBe('t0');
  });

  it('renews a stale token through users/me/session/renew and keeps the new one', async () => {
    const { calls } = fakePage({ [ME_PATH]: [() => me('t0')], [RENEW_PATH]: [() => renewed('t1')] });
    const tokens = csrfTokens(zendeskPage.csrf);
    expect(await tokens.renew(await tokens.current())).toBe('t1');
    expect(await tokens.current()).toBe('t1');
    expect(calls.map((c) => c.path)).toEqual([ME_PATH, RENEW_PATH]);
  });

  it('writes refused together share one renewal', async () => {
    const { calls } = fakePage({ [ME_PATH]: [() => me('t0')], [RENEW_PATH]: [() => renewed('t1')] });
    const tokens = csrfTokens(zendeskPage.csrf);
    const stale = await tokens.current();
    expect(await Promise.all([tokens.renew(stale), tokens.renew(stale)])).toEqual(['t1', 't1']);
    expect(calls.filter((c) => c.path === RENEW_PATH)).toHaveLength(1);
  });

  it('a token another write already renewed is used, not renewed again', async () => {
    const { calls } = fakePage({ [ME_PATH]: [() => me('t0')], [RENEW_PATH]: [() => renewed('t1')] });
    const tokens = csrfTokens(zendeskPage.csrf);
    expect(await tokens.renew('t0')).toBe('t1');
    expect(await tokens.renew('t0')).toBe('t1');
    expect(calls.filter((c) => c.path === RENEW_PATH)).toHaveLength(1);
  });

  it('Firefox: the token is fetched at an absolute URL on the page origin, which a Firefox content script needs (it resolves relative URLs against moz-extension:)', async () => {
    const asked: string[] = [];
    vi.stubGlobal('location', new URL(`${ORIGIN}/agent/tickets/1`));
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        asked.push(url);
        // What Firefox's content-script fetch does with a path: the extension's base, not the page.
        const resolved = new URL(url, 'moz-extension://5f1c2a7e-8d4b-4c3a-9e2f-0a1b2c3d4e5f/');
        if (resolved.origin !== ORIGIN)
          throw new TypeError('NetworkError when attempting to fetch resource.');
        return me('t0');
      }),
    );
    expect(await csrfTokens(zendeskPage.csrf).current()).toBe('t0');
    expect(asked).toEqual([`${ORIGIN}${ME_PATH}`]);
  });

  it('Freshdesk session writes carry no token and renew none', async () => {
    const { calls } = fakePage({});
    const tokens = csrfTokens(freshdeskPage.csrf);
    expect(await tokens.current()).toBeNull();
    expect(await tokens.renew(null)).toBeNull();
    expect(tokens.stale(403, '{}')).toBe(false);
    expect(calls).toHaveLength(0);
  });
});

describe('Zendesk: which refusals can mean a stale token', () => {
  const stale = zendeskPage.csrf.stale;
  it.each([
    [401, '{"error":"Couldn\'t authenticate you"}'],
    [403, '{"error":"Forbidden","description":"You do not have access to this page."}'],
    [422, '{"error":"InvalidAuthenticityToken"}'],
    [422, 'not json'],
  ])('%i %s: maybe', (status, body) => expect(stale(status, body)).toBe(true));
  it.each([
    [422, '{"error":"RecordInvalid","description":"Record validation errors","details":{}}'],
    [404, '{"error":"RecordNotFound"}'],
    [409, '{"error":"UpdateConflict"}'],
    [429, 'Number of allowed API requests per minute exceeded'],
    [500, ''],
  ])('%i %s: no', (status, body) => expect(stale(status, body)).toBe(false));
});
