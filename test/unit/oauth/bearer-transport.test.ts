import { describe, expect, it } from 'vitest';
import { type BearerDeps, oauthBearer } from '../../../lib/oauth/bearer';
import { type OAuthConnection, saveConnection, storedConnection } from '../../../lib/oauth/connections';
import { CredentialRefused, createTokenTransport, saveCredential } from '../../../lib/transport/token';

const ZD = 'acme.zendesk.com';
const signal = new AbortController().signal;
const ME = { method: 'GET' as const, path: '/api/v2/users/me.json' };

const connection = (over: Partial<OAuthConnection> = {}): OAuthConnection => ({
  clientId: 'fl',
  accessToken: 'A1',
  refreshToken: 'R1',
  expiresAt: null,
  scope: 'read write',
  agent: { id: '7', name: 'Ben', email: 'ben@acme.test' },
  refused: null,
  ...over,
});

interface Sent {
  url: string;
  authorization: string | null;
  body: unknown;
}

/** Answers the API by the bearer token it carries, and the token endpoint with `refreshed`. */
function helpdesk(valid: Set<string>, refreshed: [number, unknown] = [400, { error: 'invalid_grant' }]) {
  const sent: Sent[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const authorization = new Headers(init?.headers).get('authorization');
    sent.push({ url: String(input), authorization, body: init?.body ? JSON.parse(String(init.body)) : null });
    if (String(input).endsWith('/oauth/tokens')) {
      return new Response(JSON.stringify(refreshed[1]), { status: refreshed[0] });
    }
    const ok = authorization !== null && valid.has(authorization.replace(/^Bearer /, ''));
    return new Response(ok ? '{"user":{}}' : '{"error":"Couldn\'t authenticate you"}', {
      status: ok ? 200 : 401,
    });
  }) as typeof fetch;
  return { fetchFn, sent };
}

const deps = (fetchFn: typeof fetch, now = 0): BearerDeps => ({
  fetch: fetchFn,
  now: () => now,
  withLock: (_name, work) => work(),
});

describe('Zendesk OAuth bearer in the token transport', () => {
  it('sends the rep’s own OAuth token as Bearer, never the account API token, when connected', async () => {
    await saveCredential(ZD, { helpdesk: 'zendesk', email: 'ada@acme.test', token: 'ACCOUNT' });
    await saveConnection(ZD, connection());
    const { fetchFn, sent } = helpdesk(new Set(['A1']));
    const transport = createTokenTransport({ fetch: fetchFn, bearer: oauthBearer(deps(fetchFn)) });
    expect((await transport(ZD, ME, signal)).status).toBe(200);
    expect(sent.map((s) => s.authorization)).toEqual(['Bearer A1']);
  });

  it('falls back to the administrator’s API token only when no connection is usable', async () => {
    await saveCredential(ZD, { helpdesk: 'zendesk', email: 'ada@acme.test', token: 'ACCOUNT' });
    await saveConnection(ZD, connection({ refused: 401 }));
    const { fetchFn, sent } = helpdesk(new Set());
    const transport = createTokenTransport({ fetch: fetchFn, bearer: oauthBearer(deps(fetchFn)) });
    await transport(ZD, ME, signal).catch(() => undefined);
    expect(sent[0]?.authorization).toMatch(/^Basic /);
  });

  it('refreshes a token about to expire before sending, and stores the rotated pair', async () => {
    await saveConnection(ZD, connection({ expiresAt: 30_000 }));
    const { fetchFn, sent } = helpdesk(new Set(['A2']), [
      200,
      {
        access_token: 'A2',
        token_type: 'bearer',
        scope: 'read write',
        refresh_token: 'R2',
        expires_in: 1800,
      },
    ]);
    const transport = createTokenTransport({ fetch: fetchFn, bearer: oauthBearer(deps(fetchFn, 0)) });
    expect((await transport(ZD, ME, signal)).status).toBe(200);
    expect(sent.map((s) => s.authorization ?? s.body)).toEqual([
      { grant_type: 'refresh_token', refresh_token: 'R1', client_id: 'fl' },
      'Bearer A2',
    ]);
    expect(await storedConnection(ZD)).toMatchObject({
      accessToken: 'A2',
      refreshToken: 'R2',
      expiresAt: 1_800_000,
    });
  });

  it('answers a 401 with one refresh and a retry', async () => {
    await saveConnection(ZD, connection());
    const { fetchFn, sent } = helpdesk(new Set(['A2']), [
      200,
      { access_token: 'A2', token_type: 'bearer', refresh_token: 'R2' },
    ]);
    const transport = createTokenTransport({ fetch: fetchFn, bearer: oauthBearer(deps(fetchFn)) });
    expect((await transport(ZD, ME, signal)).status).toBe(200);
    expect(sent.map((s) => s.authorization)).toEqual(['Bearer A1', null, 'Bearer A2']);
  });

  it('marks a refused token refused (the options page says reconnect) when no refresh helps', async () => {
    await saveConnection(ZD, connection());
    const { fetchFn } = helpdesk(new Set());
    const transport = createTokenTransport({ fetch: fetchFn, bearer: oauthBearer(deps(fetchFn)) });
    await expect(transport(ZD, ME, signal)).rejects.toBeInstanceOf(CredentialRefused);
    expect((await storedConnection(ZD))?.refused).toBe(401);
  });

  it('leaves a reconnected account alone when an old token’s refusal comes back late', async () => {
    await saveConnection(ZD, connection({ refreshToken: null }));
    const { fetchFn } = helpdesk(new Set());
    const bearer = oauthBearer(deps(fetchFn));
    await saveConnection(ZD, connection({ accessToken: 'NEW' }));
    await bearer.reject(ZD, 'A1', 401);
    expect((await storedConnection(ZD))?.refused).toBeNull();
  });

  it('a 403 is the agent’s permission, not a bad token: the connection stays', async () => {
    await saveConnection(ZD, connection());
    const fetchFn = (async () => new Response('{"error":"Forbidden"}', { status: 403 })) as typeof fetch;
    const transport = createTokenTransport({ fetch: fetchFn, bearer: oauthBearer(deps(fetchFn)) });
    expect(
      (
        await transport(
          ZD,
          {
            method: 'PUT',
            path: '/api/v2/tickets/42.json',
            body: { ticket: { comment: { body: 'hi', public: false } } },
          },
          signal,
        )
      ).status,
    ).toBe(403);
    expect((await storedConnection(ZD))?.refused).toBeNull();
  });

  it('Freshdesk never gets a bearer token', async () => {
    await saveConnection('acme.freshdesk.com', connection());
    await saveCredential('acme.freshdesk.com', { helpdesk: 'freshdesk', apiKey: 'KEY' });
    const { fetchFn, sent } = helpdesk(new Set(['A1']));
    const transport = createTokenTransport({ fetch: fetchFn, bearer: oauthBearer(deps(fetchFn)) });
    await transport('acme.freshdesk.com', { method: 'GET', path: '/api/v2/tickets/1' }, signal).catch(
      () => undefined,
    );
    expect(sent[0]?.authorization).toMatch(/^Basic /);
  });
});
