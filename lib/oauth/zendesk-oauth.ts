import { z } from 'zod';

/*
 * Zendesk's authorization code grant with PKCE, for a public client (no secret):
 * - authorize: GET https://{sub}.zendesk.com/oauth/authorizations/new with response_type=code,
 *   client_id, redirect_uri, scope, state, code_challenge, code_challenge_method=S256
 *   (support.zendesk.com/hc/en-us/articles/4408845965210; developer.zendesk.com/documentation/
 *   api-basics/authentication/oauth-pkce);
 * - token: POST https://{sub}.zendesk.com/oauth/tokens, JSON, grant_type=authorization_code with
 *   code (valid 120 s), client_id, redirect_uri, code_verifier, scope; or grant_type=refresh_token
 *   with refresh_token and client_id (developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens).
 *   A refresh returns a new access and refresh token and invalidates both old ones; access tokens
 *   carry `expires_in` (seconds) once an account's clients expire them
 *   (support.zendesk.com/hc/en-us/articles/9182123625370), and older tokens have none.
 * - revoke: DELETE /api/v2/oauth/tokens/current.json with the token itself, 204
 *   (developer.zendesk.com/documentation/api-basics/authentication/revoking-oauth-token).
 * Zendesk does not document whether a public client may refresh without a secret; the refresh
 * sends none, and a refused refresh ends in "reconnect", which works either way.
 */

/** What Frontline asks for: reading cases and writing notes and tags as the rep. */
export const OAUTH_SCOPE = 'read write';

export interface AuthorizeRequest {
  account: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
}

export const authorizeUrl = (r: AuthorizeRequest): string => {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: r.clientId,
    redirect_uri: r.redirectUri,
    scope: OAUTH_SCOPE,
    state: r.state,
    code_challenge: r.challenge,
    code_challenge_method: 'S256',
  });
  return `https://${r.account}/oauth/authorizations/new?${query}`;
};

/**
 * The code from the URL Zendesk redirected to, or why there is none. The
 * `state` must be the one this flow sent: another value is a redirect this
 * flow did not start (a forged or replayed answer), and its code is not used.
 */
export function readRedirect(
  redirected: string,
  expected: { redirectUri: string; state: string },
): { code: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(redirected);
  } catch {
    return { error: 'Zendesk sent back an address that is not a URL' };
  }
  const ours = new URL(expected.redirectUri);
  if (url.origin !== ours.origin || url.pathname !== ours.pathname) {
    return { error: 'Zendesk sent back another address than Frontline’s' };
  }
  const params = url.searchParams;
  if (params.get('state') !== expected.state) return { error: 'The answer was not for this sign-in (state)' };
  const denied = params.get('error');
  if (denied !== null) {
    return { error: `Zendesk did not connect: ${params.get('error_description') ?? denied}` };
  }
  const code = params.get('code');
  return code ? { code } : { error: 'Zendesk sent no authorization code' };
}

/** The token endpoint's answer; `expires_in` and `refresh_token` are missing on tokens that do not expire. */
const TokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((type) => type.toLowerCase() === 'bearer', 'token_type must be bearer'),
  scope: z.string().nullish(),
  refresh_token: z.string().min(1).nullish(),
  expires_in: z.number().int().positive().nullish(),
});

export interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token expires (ms), or null when Zendesk gave it no lifetime. */
  expiresAt: number | null;
  scope: string;
}

/** Parses a token answer; throws with a message the options page can show. */
export function parseTokens(body: unknown, now: number): Tokens {
  const parsed = TokenAnswer.safeParse(body);
  if (!parsed.success) throw new Error('Zendesk’s token answer was not understood');
  const answer = parsed.data;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? null,
    expiresAt: answer.expires_in ? now + answer.expires_in * 1000 : null,
    scope: answer.scope ?? OAUTH_SCOPE,
  };
}

/** The token endpoint refused the grant (a bad code, verifier or refresh token): only a new sign-in helps. */
export class GrantRefused extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`Zendesk refused the sign-in (${status}${detail ? `: ${detail}` : ''})`);
    this.name = 'GrantRefused';
  }
}

const ErrorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

async function postTokens(
  fetchFn: typeof fetch,
  account: string,
  body: Record<string, string>,
  now: () => number,
): Promise<Tokens> {
  const response = await fetchFn(`https://${account}/oauth/tokens`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
    redirect: 'error',
  });
  const json: unknown = await response.json().catch(() => null);
  if (response.status >= 400 && response.status < 500) {
    const error = ErrorAnswer.safeParse(json);
    throw new GrantRefused(
      response.status,
      error.success ? (error.data.error_description ?? error.data.error) : '',
    );
  }
  if (!response.ok) throw new Error(`Zendesk’s token endpoint answered ${response.status}`);
  return parseTokens(json, now());
}

export interface CodeExchange {
  account: string;
  clientId: string;
  redirectUri: string;
  code: string;
  verifier: string;
}

export const exchangeCode = (fetchFn: typeof fetch, x: CodeExchange, now: () => number): Promise<Tokens> =>
  postTokens(
    fetchFn,
    x.account,
    {
      grant_type: 'authorization_code',
      code: x.code,
      client_id: x.clientId,
      redirect_uri: x.redirectUri,
      code_verifier: x.verifier,
      scope: OAUTH_SCOPE,
    },
    now,
  );

export const refreshTokens = (
  fetchFn: typeof fetch,
  r: { account: string; clientId: string; refreshToken: string },
  now: () => number,
): Promise<Tokens> =>
  postTokens(
    fetchFn,
    r.account,
    { grant_type: 'refresh_token', refresh_token: r.refreshToken, client_id: r.clientId },
    now,
  );

/** Revokes the token at Zendesk; best effort: the local copy is forgotten whatever the answer. */
export async function revokeToken(
  fetchFn: typeof fetch,
  account: string,
  accessToken: string,
): Promise<void> {
  await fetchFn(`https://${account}/api/v2/oauth/tokens/current.json`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${accessToken}` },
    credentials: 'omit',
    redirect: 'error',
  }).catch(() => undefined);
}
