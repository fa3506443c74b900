import { type OAuthEndpoints, oauthAccountOfSubdomain, oauthOfHost } from '../helpdesks/oauth';
import type { OAuthConnection } from './connections';
import { authorizeUrl, exchangeCode, readRedirect, revokeToken } from './flow';
import { challengeOf, randomToken } from './pkce';

/**
 * The account a rep typed (a host, a URL of it, or a bare subdomain of the one
 * helpdesk that offers OAuth) when its helpdesk offers OAuth; else null.
 */
export function oauthAccountOf(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (text === '') return null;
  let host: string;
  try {
    host = new URL(text.includes('://') ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
  if (!host.includes('.')) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(host)) return null;
    host = oauthAccountOfSubdomain(host) ?? '';
  }
  return oauthOfHost(host) ? host : null;
}

async function whoseToken(
  fetchFn: typeof fetch,
  account: string,
  endpoints: OAuthEndpoints,
  accessToken: string,
): Promise<OAuthConnection['agent']> {
  const response = await fetchFn(`https://${account}${endpoints.mePath}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
    credentials: 'omit',
    redirect: 'error',
  });
  const agent = response.ok ? endpoints.agentOf(await response.json().catch(() => null)) : null;
  if (agent === null) {
    throw new Error(`The helpdesk did not confirm an agent for this connection (${response.status})`);
  }
  return agent;
}

export interface ConnectDeps {
  /** identity.launchWebAuthFlow: the URL the helpdesk redirected to. */
  launch(url: string): Promise<string | undefined>;
  /** identity.getRedirectURL(): registered with the OAuth client in the helpdesk. */
  redirectUri: string;
  fetch: typeof fetch;
  now(): number;
}

/**
 * Connects the rep's own account: authorization code with PKCE (S256) through
 * the browser's auth window, the code exchanged for a token, and the token's
 * owner confirmed as an agent ("me"). Throws with a message the page shows.
 */
export async function connectAccount(
  account: string,
  clientId: string,
  deps: ConnectDeps,
): Promise<OAuthConnection> {
  const endpoints = oauthOfHost(account);
  if (!endpoints) throw new Error(`${account} offers no OAuth sign-in`);
  const verifier = randomToken();
  const state = randomToken();
  const url = authorizeUrl({
    account,
    endpoints,
    clientId,
    redirectUri: deps.redirectUri,
    state,
    challenge: await challengeOf(verifier),
  });
  const redirected = await deps.launch(url);
  if (!redirected) throw new Error('The sign-in window closed before the helpdesk answered');
  const answer = readRedirect(redirected, { redirectUri: deps.redirectUri, state });
  if ('error' in answer) throw new Error(answer.error);
  const tokens = await exchangeCode(
    deps.fetch,
    { account, endpoints, clientId, redirectUri: deps.redirectUri, code: answer.code, verifier },
    deps.now,
  );
  try {
    const agent = await whoseToken(deps.fetch, account, endpoints, tokens.accessToken);
    return { clientId, ...tokens, agent, refused: null };
  } catch (error) {
    await revokeToken(deps.fetch, { account, endpoints }, tokens.accessToken);
    throw error;
  }
}
