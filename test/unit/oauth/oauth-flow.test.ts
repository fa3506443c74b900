import { describe, expect, it } from 'vitest';
import { zendeskOAuth } from '../../../lib/helpdesks/zendesk/oauth';
import { oauthClientIdOf } from '../../../lib/oauth/client-id';
import { connectAccount, oauthAccountOf } from '../../../lib/oauth/connect';
import {
  authorizeUrl,
  exchangeCode,
  GrantRefused,
  parseTokens,
  readRedirect,
  refreshTokens,
} from '../../../lib/oauth/flow';
import { challengeOf, randomToken } from '../../../lib/oauth/pkce';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that answers each call with the next reply and records what was sent. */
function scripted(...replies: [number, unknown][]) {
  const sent: Sent[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), init: init ?? {} });
    const [status, body] = replies.shift() ?? [500, null];
    return new Response(body === null ? null : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { fetchFn, sent };
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes 43-character base64url verifiers, different each time', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });
});

describe('the authorization request', () => {
  it('asks Zendesk for a code with PKCE S256, the client, redirect, scope and state', () => {
    const url = new URL(
      authorizeUrl({
        account: 'acme.zendesk.com',
        endpoints: zendeskOAuth,
        clientId: 'fl',
        redirectUri: REDIRECT,
        state: 's',
        challenge: 'c',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://acme.zendesk.com/oauth/authorizations/new');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'fl',
      redirect_uri: REDIRECT,
      scope: 'read write',
      state: 's',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    });
  });
});

describe('readRedirect (the state check)', () => {
  const expected = { redirectUri: REDIRECT, state: 'mine' };

  it('takes the code when the state is the one this flow sent', () => {
    expect(readRedirect(`${REDIRECT}?code=abc&state=mine`, expected)).toEqual({ code: 'abc' });
  });

  it('refuses a code whose state is not this flow’s (a forged or replayed redirect)', () => {
    expect(readRedirect(`${REDIRECT}?code=abc&state=theirs`, expected)).toEqual({
      error: 'The answer was not for this sign-in (state)',
    });
    expect(readRedirect(`${REDIRECT}?code=abc`, expected)).toHaveProperty('error');
  });

  it('refuses an answer on another address, and reports a denial', () => {
    expect(readRedirect('https://evil.example.com/?code=abc&state=mine', expected)).toHaveProperty('error');
    expect(readRedirect(`${REDIRECT}?error=access_denied&error_description=No&state=mine`, expected)).toEqual(
      {
        error: 'The helpdesk did not connect: No',
      },
    );
  });
});

describe('readRedirect in Firefox (identity.getRedirectURL is on extensions.allizom.org)', () => {
  const FIREFOX = 'https://2f5b6c1d0e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c.extensions.allizom.org/';
  const expected = { redirectUri: FIREFOX, state: 'mine' };

  it("takes the code from Firefox's redirect URL", () => {
    expect(readRedirect(`${FIREFOX}?code=abc&state=mine`, expected)).toEqual({ code: 'abc' });
  });

  it("refuses Chrome's chromiumapp.org address in Firefox", () => {
    expect(readRedirect(`${REDIRECT}?code=abc&state=mine`, expected)).toHaveProperty('error');
  });
});

describe('token answers', () => {
  it('reads expires_in as an expiry time and keeps the refresh token', () => {
    expect(
      parseTokens(
        {
          access_token: 'A',
          token_type: 'bearer',
          scope: 'read write',
          refresh_token: 'R',
          expires_in: 1800,
        },
        1_000,
        'read write',
      ),
    ).toEqual({ accessToken: 'A', refreshToken: 'R', expiresAt: 1_801_000, scope: 'read write' });
  });

  it('reads a token without expiry or refresh token as one that does not expire', () => {
    expect(parseTokens({ access_token: 'A', token_type: 'Bearer', scope: 'read' }, 0, 'read write')).toEqual({
      accessToken: 'A',
      refreshToken: null,
      expiresAt: null,
      scope: 'read',
    });
  });

  it('refuses an answer that is not a bearer token', () => {
    expect(() => parseTokens({ access_token: 'A', token_type: 'mac' }, 0, 'read write')).toThrow(
      /not understood/,
    );
  });

  it('exchanges the code with the verifier, client id and redirect URL as JSON', async () => {
    const { fetchFn, sent } = scripted([
      200,
      { access_token: 'A', token_type: 'bearer', scope: 'read write' },
    ]);
    await exchangeCode(
      fetchFn,
      {
        account: 'acme.zendesk.com',
        endpoints: zendeskOAuth,
        clientId: 'fl',
        redirectUri: REDIRECT,
        code: 'C',
        verifier: 'V',
      },
      () => 0,
    );
    expect(sent[0]?.url).toBe('https://acme.zendesk.com/oauth/tokens');
    expect(sent[0]?.init).toMatchObject({ method: 'POST', credentials: 'omit' });
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'C',
      client_id: 'fl',
      redirect_uri: REDIRECT,
      code_verifier: 'V',
      scope: 'read write',
    });
  });

  it('sends the refresh grant, and a refused grant is a GrantRefused', async () => {
    const { fetchFn, sent } = scripted([400, { error: 'invalid_grant', error_description: 'expired' }]);
    const refresh = refreshTokens(
      fetchFn,
      { account: 'acme.zendesk.com', endpoints: zendeskOAuth, clientId: 'fl', refreshToken: 'R' },
      () => 0,
    );
    await expect(refresh).rejects.toBeInstanceOf(GrantRefused);
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'R',
      client_id: 'fl',
    });
  });
});

describe('the OAuth client id in the policy', () => {
  it('comes from the organization’s policy whenever it set one, else the self-managed one', () => {
    expect(oauthClientIdOf({ zendeskOAuthClientId: 'org' }, { zendeskOAuthClientId: 'mine' })).toBe('org');
    expect(oauthClientIdOf({ currency: 'USD' }, { zendeskOAuthClientId: 'mine' })).toBeNull();
    expect(oauthClientIdOf(undefined, { zendeskOAuthClientId: 'mine' })).toBe('mine');
    expect(oauthClientIdOf(undefined, { zendeskOAuthClientId: 'not an id!' })).toBeNull();
  });
});

describe('connectAccount', () => {
  it('names Zendesk accounts from what a rep types', () => {
    expect(oauthAccountOf('acme')).toBe('acme.zendesk.com');
    expect(oauthAccountOf('https://Acme.zendesk.com/agent/tickets/1')).toBe('acme.zendesk.com');
    expect(oauthAccountOf('acme.freshdesk.com')).toBeNull();
  });

  const token = {
    access_token: 'A',
    token_type: 'bearer',
    scope: 'read write',
    refresh_token: 'R',
    expires_in: 60,
  };
  const launching = (mutate: (url: URL) => string) => async (url: string) => mutate(new URL(url));
  const answer = (url: URL) => `${REDIRECT}?code=C&state=${url.searchParams.get('state')}`;

  it('runs authorize → token → users/me and returns the connection as that agent', async () => {
    const { fetchFn, sent } = scripted(
      [200, token],
      [200, { user: { id: 7, name: 'Ben', email: 'ben@acme.test', role: 'agent' } }],
    );
    let challenge = '';
    const connection = await connectAccount('acme.zendesk.com', 'fl', {
      launch: launching((url) => {
        challenge = url.searchParams.get('code_challenge') ?? '';
        return answer(url);
      }),
      redirectUri: REDIRECT,
      fetch: fetchFn,
      now: () => 0,
    });
    const verifier = JSON.parse(String(sent[0]?.init.body)).code_verifier as string;
    expect(await challengeOf(verifier)).toBe(challenge);
    expect(new Headers(sent[1]?.init.headers).get('authorization')).toBe('Bearer A');
    expect(connection).toEqual({
      clientId: 'fl',
      accessToken: 'A',
      refreshToken: 'R',
      expiresAt: 60_000,
      scope: 'read write',
      agent: { id: '7', name: 'Ben', email: 'ben@acme.test' },
      refused: null,
    });
  });

  it('never exchanges a code that came back with another state', async () => {
    const { fetchFn, sent } = scripted();
    const connecting = connectAccount('acme.zendesk.com', 'fl', {
      launch: async () => `${REDIRECT}?code=C&state=forged`,
      redirectUri: REDIRECT,
      fetch: fetchFn,
      now: () => 0,
    });
    await expect(connecting).rejects.toThrow(/state/);
    expect(sent).toEqual([]);
  });

  it('refuses and revokes a token whose users/me is not an agent (Zendesk’s anonymous user)', async () => {
    const { fetchFn, sent } = scripted(
      [200, token],
      [200, { user: { id: null, name: 'Anonymous user', role: 'end-user' } }],
      [204, null],
    );
    const connecting = connectAccount('acme.zendesk.com', 'fl', {
      launch: launching(answer),
      redirectUri: REDIRECT,
      fetch: fetchFn,
      now: () => 0,
    });
    await expect(connecting).rejects.toThrow(/did not confirm an agent/);
    expect(sent[2]).toMatchObject({
      url: 'https://acme.zendesk.com/api/v2/oauth/tokens/current.json',
      init: { method: 'DELETE' },
    });
  });
});
