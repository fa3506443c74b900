import { z } from 'zod';
import { type OAuthEndpoints, oauthOfHost } from '../helpdesks/oauth';

/*
 * The authorization code grant with PKCE for a public client (RFC 6749, RFC 7636), on
 * the paths a helpdesk's platform declares (lib/helpdesks/<kind>/oauth.ts names the
 * vendor's documentation). Token requests are JSON, as Zendesk documents them.
 */

/** The helpdesk's OAuth endpoints for this account, or null where it offers none. */
export const oauthOf = (account: string): OAuthEndpoints | null => oauthOfHost(account);

export interface AuthorizeRequest {
  account: string;
  endpoints: OAuthEndpoints;
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
    scope: r.endpoints.scope,
    state: r.state,
    code_challenge: r.challenge,
    code_challenge_method: 'S256',
  });
  return `https://${r.account}${r.endpoints.authorizePath}?${query}`;
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
    return { error: 'The helpdesk sent back an address that is not a URL' };
  }
  const ours = new URL(expected.redirectUri);
  if (url.origin !== ours.origin || url.pathname !== ours.pathname) {
    return { error: 'The helpdesk sent back another address than Frontline’s' };
  }
  const params = url.searchParams;
  if (params.get('state') !== expected.state) return { error: 'The answer was not for this sign-in (state)' };
  const denied = params.get('error');
  if (denied !== null) {
    return { error: `The helpdesk did not connect: ${params.get('error_description') ?? denied}` };
  }
  const code = params.get('code');
  return code ? { code } : { error: 'The helpdesk sent no authorization code' };
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
export function parseTokens(body: unknown, now: number, askedScope: string): Tokens {
  const parsed = TokenAnswer.safeParse(body);
  if (!parsed.success) throw new Error('The helpdesk’s token answer was not understood');
  const answer = parsed.data;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? null,
    expiresAt: answer.expires_in ? now + answer.expires_in * 1000 : null,
    scope: answer.scope ?? askedScope,
  };
}

/** The token endpoint refused the grant (a bad code, verifier or refresh token): only a new sign-in helps. */
export class GrantRefused extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`The helpdesk refused the sign-in (${status}${detail ? `: ${detail}` : ''})`);
    this.name = 'GrantRefused';
  }
}

const ErrorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

interface Endpoint {
  account: string;
  endpoints: OAuthEndpoints;
}

async function postTokens(
  fetchFn: typeof fetch,
  { account, endpoints }: Endpoint,
  body: Record<string, string>,
  now: () => number,
): Promise<Tokens> {
  const response = await fetchFn(`https://${account}${endpoints.tokenPath}`, {
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
  if (!response.ok) throw new Error(`The helpdesk’s token endpoint answered ${response.status}`);
  return parseTokens(json, now(), endpoints.scope);
}

export interface CodeExchange extends Endpoint {
  clientId: string;
  redirectUri: string;
  code: string;
  verifier: string;
}

export const exchangeCode = (fetchFn: typeof fetch, x: CodeExchange, now: () => number): Promise<Tokens> =>
  postTokens(
    fetchFn,
    x,
    {
      grant_type: 'authorization_code',
      code: x.code,
      client_id: x.clientId,
      redirect_uri: x.redirectUri,
      code_verifier: x.verifier,
      scope: x.endpoints.scope,
    },
    now,
  );

export const refreshTokens = (
  fetchFn: typeof fetch,
  r: Endpoint & { clientId: string; refreshToken: string },
  now: () => number,
): Promise<Tokens> =>
  postTokens(
    fetchFn,
    r,
    { grant_type: 'refresh_token', refresh_token: r.refreshToken, client_id: r.clientId },
    now,
  );

/** Revokes the token at the helpdesk; best effort: the local copy is forgotten whatever the answer. */
export async function revokeToken(
  fetchFn: typeof fetch,
  { account, endpoints }: Endpoint,
  accessToken: string,
): Promise<void> {
  await fetchFn(`https://${account}${endpoints.revokePath}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${accessToken}` },
    credentials: 'omit',
    redirect: 'error',
  }).catch(() => undefined);
}
