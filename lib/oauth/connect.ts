import { z } from 'zod';
import type { OAuthConnection } from './connections';
import { challengeOf, randomToken } from './pkce';
import { authorizeUrl, exchangeCode, readRedirect, revokeToken } from './zendesk-oauth';

const ZENDESK_ACCOUNT = /^[a-z0-9][a-z0-9-]*\.zendesk\.com$/;

/** `acme`, `acme.zendesk.com` or a URL of it → `acme.zendesk.com`; anything else → null. */
export function zendeskAccountOf(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (text === '') return null;
  let host = text;
  try {
    host = new URL(text.includes('://') ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
  const account = host.includes('.') ? host : `${host}.zendesk.com`;
  return ZENDESK_ACCOUNT.test(account) ? account : null;
}

/** users/me as the token's owner; the anonymous user (no id) or an end user cannot work cases. */
const Me = z.object({
  user: z.object({
    id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
    name: z.string(),
    email: z.string().nullish(),
    role: z.enum(['agent', 'admin']),
  }),
});

async function whoseToken(
  fetchFn: typeof fetch,
  account: string,
  accessToken: string,
): Promise<OAuthConnection['agent']> {
  const response = await fetchFn(`https://${account}/api/v2/users/me.json`, {
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
    credentials: 'omit',
    redirect: 'error',
  });
  const parsed = Me.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) {
    throw new Error(`Zendesk did not confirm an agent for this connection (${response.status})`);
  }
  const { id, name, email } = parsed.data.user;
  return { id: String(id), name, email: email ?? null };
}

export interface ConnectDeps {
  /** identity.launchWebAuthFlow: the URL Zendesk redirected to. */
  launch(url: string): Promise<string | undefined>;
  /** identity.getRedirectURL(): registered with the OAuth client in Zendesk. */
  redirectUri: string;
  fetch: typeof fetch;
  now(): number;
}

/**
 * Connects the rep's own Zendesk account: authorization code with PKCE (S256)
 * through the browser's auth window, the code exchanged for a token, and the
 * token's owner confirmed with users/me. Throws with a message the page shows.
 */
export async function connectZendesk(
  account: string,
  clientId: string,
  deps: ConnectDeps,
): Promise<OAuthConnection> {
  const verifier = randomToken();
  const state = randomToken();
  const url = authorizeUrl({
    account,
    clientId,
    redirectUri: deps.redirectUri,
    state,
    challenge: await challengeOf(verifier),
  });
  const redirected = await deps.launch(url);
  if (!redirected) throw new Error('The sign-in window closed before Zendesk answered');
  const answer = readRedirect(redirected, { redirectUri: deps.redirectUri, state });
  if ('error' in answer) throw new Error(answer.error);
  const tokens = await exchangeCode(
    deps.fetch,
    { account, clientId, redirectUri: deps.redirectUri, code: answer.code, verifier },
    deps.now,
  );
  try {
    const agent = await whoseToken(deps.fetch, account, tokens.accessToken);
    return { clientId, ...tokens, agent, refused: null };
  } catch (error) {
    await revokeToken(deps.fetch, account, tokens.accessToken);
    throw error;
  }
}
