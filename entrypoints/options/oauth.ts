import { browser } from 'wxt/browser';
import type { ConnectionView } from '@/components/options/ZendeskConnect';
import { readManaged } from '@/lib/credit/managed-policy';
import { ot } from '@/lib/i18n/oauth-catalogue';
import { oauthClientIdOf } from '@/lib/oauth/client-id';
import { oauthAccountOf, connectAccount as runConnect } from '@/lib/oauth/connect';
import { allConnections, saveConnection, storedConnection } from '@/lib/oauth/connections';
import { oauthOf, revokeToken } from '@/lib/oauth/flow';
import { areaKey, oauthConnections, selfManagedPolicy } from '@/lib/storage/items';

/*
 * The options page's side of Zendesk OAuth. The page runs the sign-in (its
 * auth window belongs to the extension, not to any helpdesk page) and stores
 * the connection in storage.local, as it does the API keys; the background
 * reads and refreshes it. No token is ever shown or sent in a message.
 */

export interface OAuthOptions {
  clientId: string | null;
  redirectUrl: string;
  connections: ConnectionView[];
}

const clientId = async (): Promise<string | null> =>
  oauthClientIdOf(await readManaged(), await selfManagedPolicy().getValue());

export async function loadOAuth(): Promise<OAuthOptions> {
  const [id, connections] = await Promise.all([clientId(), allConnections()]);
  return {
    clientId: id,
    redirectUrl: browser.identity.getRedirectURL(),
    connections: connections.map(({ account, connection }) => ({
      account,
      name: connection.agent.name,
      email: connection.agent.email,
      refused: connection.refused,
    })),
  };
}

const fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init);

export async function connectAccount(input: string): Promise<void> {
  const account = oauthAccountOf(input);
  if (account === null) throw new Error(ot('oauth_account_invalid'));
  const id = await clientId();
  if (id === null) throw new Error(ot('oauth_no_client'));
  const connection = await runConnect(account, id, {
    launch: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    redirectUri: browser.identity.getRedirectURL(),
    fetch: fetchFn,
    now: Date.now,
  });
  await saveConnection(account, connection);
}

/** Forgets the connection here and revokes its token at Zendesk (best effort). */
export async function disconnectAccount(account: string): Promise<void> {
  const connection = await storedConnection(account);
  await saveConnection(account, null);
  const endpoints = oauthOf(account);
  if (connection !== null && endpoints !== null) {
    await revokeToken(fetchFn, { account, endpoints }, connection.accessToken);
  }
}

export const watchOAuth = (onChange: () => void): (() => void) => {
  const listener = (changes: Record<string, unknown>, area: string) => {
    const watched = [oauthConnections, selfManagedPolicy].map(areaKey);
    if (area === 'managed' || (area === 'local' && watched.some((key) => key in changes))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
};
