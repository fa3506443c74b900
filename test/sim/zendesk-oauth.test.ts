import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server';
import { signIn, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
const CLIENT = 'frontline';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const VERIFIER = 'a-verifier-of-at-least-forty-three-characters-long-000';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
let sim: Simulator;

const authorizePath = (extra: Record<string, string> = {}) =>
  `/oauth/authorizations/new?${new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    scope: 'read write',
    state: 'st4te',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...extra,
  })}`;

/** Signs in as `as`, authorizes at once, and returns the code from the redirect. */
async function codeFor(as = 'ben@acme.test'): Promise<string> {
  sim.oauth.configure({ autoApprove: true });
  const cookie = await signIn(sim, ZD, as);
  const res = await simFetch(sim, ZD, authorizePath(), { cookie });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.location ?? '');
  expect(location.searchParams.get('state')).toBe('st4te');
  return location.searchParams.get('code') ?? '';
}

const exchange = (body: Record<string, string>) =>
  simFetch(sim, ZD, '/oauth/tokens', { method: 'POST', body, headers: { origin: 'chrome-extension://x' } });

const codeGrant = (code: string, verifier = VERIFIER) =>
  exchange({
    grant_type: 'authorization_code',
    code,
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
    scope: 'read write',
  });

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in?: number;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, size: 'demo' });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  sim.oauth.registerClient(ZD, { id: CLIENT, redirectUris: [REDIRECT] });
});

describe('simulated Zendesk OAuth (authorization code with PKCE)', () => {
  it('shows the sign-in page to a signed-out visitor, and the Allow page to a signed-in agent', async () => {
    const out = await simFetch(sim, ZD, authorizePath());
    expect(out.status).toBe(200);
    expect(out.body).toContain('data-sim="sign-in"');
    const cookie = await signIn(sim, ZD, 'ben@acme.test');
    const allow = await simFetch(sim, ZD, authorizePath(), { cookie });
    expect(allow.body).toContain('data-sim="oauth-allow"');
    expect(allow.body).toContain('ben@acme.test');
  });

  it('signs in from its own page and returns to the authorization', async () => {
    const res = await simFetch(sim, ZD, '/access/login', {
      method: 'POST',
      body: `email=ben%40acme.test&return_to=${encodeURIComponent(authorizePath())}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(authorizePath());
    expect(res.headers['set-cookie']).toContain('_zendesk_session=');
  });

  it('redirects to the registered redirect URL with a code and the state when the agent allows', async () => {
    const cookie = await signIn(sim, ZD, 'ben@acme.test');
    const form = new URLSearchParams(new URL(`https://x${authorizePath()}`).searchParams);
    form.set('decision', 'allow');
    const res = await simFetch(sim, ZD, '/oauth/authorizations', {
      method: 'POST',
      cookie,
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const location = new URL(res.headers.location ?? '');
    expect(`${location.origin}/`).toBe(REDIRECT);
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('st4te');
  });

  it('refuses an unregistered redirect URL with an error page, never a redirect', async () => {
    const cookie = await signIn(sim, ZD);
    const res = await simFetch(sim, ZD, authorizePath({ redirect_uri: 'https://evil.example.com/' }), {
      cookie,
    });
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
  });

  it('issues a bearer token only for the right PKCE verifier, once per code', async () => {
    const wrong = await codeGrant(await codeFor(), 'another-verifier-that-does-not-match-the-challenge');
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ error: string }>().error).toBe('invalid_grant');
    const code = await codeFor();
    const ok = await codeGrant(code);
    expect(ok.status).toBe(200);
    expect(ok.json<TokenAnswer>().token_type).toBe('bearer');
    expect(ok.headers['access-control-allow-origin']).toBe('chrome-extension://x');
    expect((await codeGrant(code)).status).toBe(400);
  });

  it('acts as the token’s agent on the API, with CORS headers and an `oauth` log entry', async () => {
    const { access_token } = (await codeGrant(await codeFor('ben@acme.test'))).json<TokenAnswer>();
    sim.control.resetLog();
    const me = await simFetch(sim, ZD, '/api/v2/users/me.json', {
      headers: { authorization: `Bearer ${access_token}`, origin: 'chrome-extension://x' },
    });
    expect(me.json<{ user: { email: string } }>().user.email).toBe('ben@acme.test');
    expect(me.headers['access-control-allow-origin']).toBe('chrome-extension://x');
    const ben = sim.data.userByEmail(ZD, 'ben@acme.test');
    expect(sim.control.log().entries.at(-1)).toMatchObject({ auth: 'oauth', as: ben?.id });
    const bad = await simFetch(sim, ZD, '/api/v2/users/me.json', {
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad.status).toBe(401);
  });

  it('expires access tokens when told to, and a refresh replaces both tokens', async () => {
    sim.oauth.configure({ accessTtlSeconds: 1800 });
    const first = (await codeGrant(await codeFor())).json<TokenAnswer>();
    expect(first.expires_in).toBe(1800);
    sim.oauth.expireAll();
    const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    expect((await simFetch(sim, ZD, '/api/v2/users/me.json', auth(first.access_token))).status).toBe(401);
    const refreshed = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: CLIENT,
    });
    const second = refreshed.json<TokenAnswer>();
    expect((await simFetch(sim, ZD, '/api/v2/users/me.json', auth(second.access_token))).status).toBe(200);
    const again = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: CLIENT,
    });
    expect(again.status).toBe(400);
  });

  it('revokes the token in use with DELETE /api/v2/oauth/tokens/current', async () => {
    const { access_token } = (await codeGrant(await codeFor())).json<TokenAnswer>();
    const headers = { authorization: `Bearer ${access_token}` };
    const gone = await simFetch(sim, ZD, '/api/v2/oauth/tokens/current.json', { method: 'DELETE', headers });
    expect(gone.status).toBe(204);
    expect((await simFetch(sim, ZD, '/api/v2/users/me.json', { headers })).status).toBe(401);
  });
});
