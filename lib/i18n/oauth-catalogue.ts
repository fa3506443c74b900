import { translatorFor } from './t';

/**
 * The options page's Zendesk OAuth strings: a catalogue of its own so the
 * sidebar's bundle does not carry them, under the rules of ./catalogue (keys
 * in [a-z0-9_], all prefixed `oauth_`, `{name}` placeholders).
 */
export const oauthEn = {
  oauth_title: 'Zendesk sign-in for background work',
  oauth_intro:
    'Connect your own Zendesk account so pinned cases are checked and queued credits are sent while no Zendesk tab is open. Frontline then acts as you, and only as you.',
  oauth_no_client:
    'Your administrator has not set a Zendesk OAuth client (zendeskOAuthClientId in the policy), so this is off.',
  oauth_account: 'Zendesk account',
  oauth_account_placeholder: 'yourcompany.zendesk.com',
  oauth_account_invalid: 'Enter a Zendesk account such as yourcompany.zendesk.com.',
  oauth_connect: 'Connect',
  oauth_connecting: 'Waiting for Zendesk…',
  oauth_connected: 'Connected as {name} ({email})',
  oauth_refused: 'Zendesk no longer accepts this connection ({status}): reconnect.',
  oauth_reconnect: 'Reconnect',
  oauth_disconnect: 'Disconnect',
  oauth_redirect: 'Redirect URL to register with the OAuth client: {url}',
  oauth_client_id: 'Zendesk OAuth client id',
  oauth_client_id_help: 'Unique identifier of a public (PKCE) OAuth client in Zendesk; reps connect with it.',
} as const;

export type OAuthKey = keyof typeof oauthEn;

export const { t: ot } = translatorFor(oauthEn);
