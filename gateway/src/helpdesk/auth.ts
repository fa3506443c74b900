import { type AccountConfig, secretValue } from '../config';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The `Authorization` header of the gateway's own helpdesk user. */
export function authorizationOf(account: AccountConfig, env: NodeJS.ProcessEnv = process.env): string {
  if (account.kind === 'freshdesk') return basic(secretValue(account.credentials.apiKey, env), 'X');
  const credentials = account.credentials;
  if ('accessToken' in credentials) return `Bearer ${secretValue(credentials.accessToken, env)}`;
  return basic(`${credentials.email}/token`, secretValue(credentials.token, env));
}
