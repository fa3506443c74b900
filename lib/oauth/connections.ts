import { z } from 'zod';
import { oauthConnections } from '../storage/items';
import type { Tokens } from './flow';

/**
 * The rep's own OAuth connection per account (Zendesk offers it), in storage.local. Only
 * the options page (which makes it) and the background (which uses and
 * refreshes it) read it; no message carries it, so no content script or
 * helpdesk page ever sees a token.
 */
export const OAuthConnection = z.object({
  clientId: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.number().int().nullable(),
  scope: z.string(),
  /** Who Zendesk says the token acts as (users/me when it was connected). */
  agent: z.object({ id: z.string().min(1), name: z.string(), email: z.string().nullable() }),
  /** The status with which Zendesk refused the token, or null: refused means "reconnect". */
  refused: z.number().int().nullable(),
});
export type OAuthConnection = z.infer<typeof OAuthConnection>;

const readAll = async (): Promise<Record<string, unknown>> => {
  const all = await oauthConnections().getValue();
  return typeof all === 'object' && all !== null ? { ...(all as Record<string, unknown>) } : {};
};

export async function storedConnection(account: string): Promise<OAuthConnection | null> {
  const parsed = OAuthConnection.safeParse((await readAll())[account]);
  return parsed.success ? parsed.data : null;
}

export async function allConnections(): Promise<{ account: string; connection: OAuthConnection }[]> {
  return Object.entries(await readAll()).flatMap(([account, value]) => {
    const parsed = OAuthConnection.safeParse(value);
    return parsed.success ? [{ account, connection: parsed.data }] : [];
  });
}

/** Stores (or with null, forgets) one account's connection, leaving the others as they are. */
export async function saveConnection(account: string, connection: OAuthConnection | null): Promise<void> {
  const all = await readAll();
  if (connection === null) delete all[account];
  else all[account] = OAuthConnection.parse(connection);
  await oauthConnections().setValue(all);
}

/**
 * Applies `change` to the stored connection only while it still holds the
 * access token `used`: a reconnect or a refresh meanwhile made `used` stale, and
 * what the helpdesk said about a stale token says nothing about the new one.
 */
export async function updateIfCurrent(
  account: string,
  used: string,
  change: (current: OAuthConnection) => OAuthConnection,
): Promise<boolean> {
  const current = await storedConnection(account);
  if (current === null || current.accessToken !== used) return false;
  await saveConnection(account, change(current));
  return true;
}

export const withTokens = (connection: OAuthConnection, tokens: Tokens): OAuthConnection => ({
  ...connection,
  accessToken: tokens.accessToken,
  // Zendesk rotates the refresh token on every refresh; an answer without one keeps none.
  refreshToken: tokens.refreshToken,
  expiresAt: tokens.expiresAt,
  scope: tokens.scope,
  refused: null,
});

/** The rep connected this account and Zendesk has not refused the connection. */
export const hasUsableConnection = async (account: string): Promise<boolean> =>
  (await storedConnection(account))?.refused === null;
