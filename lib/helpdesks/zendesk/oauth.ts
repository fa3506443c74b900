import type { OAuthEndpoints } from '../oauth';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/*
 * Zendesk's authorization code grant with PKCE for a public client:
 * support.zendesk.com/hc/en-us/articles/4408845965210 (client kinds, the authorization page);
 * developer.zendesk.com/documentation/api-basics/authentication/oauth-pkce;
 * developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens (POST /oauth/tokens, JSON;
 * the code lives 120 s; a refresh returns a new access and refresh token and invalidates both);
 * support.zendesk.com/hc/en-us/articles/9182123625370 (expiring tokens, `expires_in`);
 * developer.zendesk.com/documentation/api-basics/authentication/revoking-oauth-token.
 * Zendesk does not document whether a public client may refresh without a secret; none is
 * sent, and a refused refresh ends in "reconnect", which works either way.
 */
export const zendeskOAuth: OAuthEndpoints = {
  authorizePath: '/oauth/authorizations/new',
  tokenPath: '/oauth/tokens',
  revokePath: '/api/v2/oauth/tokens/current.json',
  mePath: '/api/v2/users/me.json',
  // Reading cases and writing notes and tags as the rep.
  scope: 'read write',
  // users/me answers 200 with an "Anonymous user" (no id) for a token it does not accept.
  agentOf(body) {
    const user = isRecord(body) ? body.user : undefined;
    if (!isRecord(user)) return null;
    const { id, name, email, role } = user;
    const validId =
      (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && /^\d+$/.test(id));
    if (!validId || typeof name !== 'string' || (role !== 'agent' && role !== 'admin')) return null;
    return { id: String(id), name, email: typeof email === 'string' ? email : null };
  },
};
