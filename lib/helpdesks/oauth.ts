/** Who an OAuth token acts as, from the helpdesk's "me" answer. */
export interface OAuthAgent {
  id: string;
  name: string;
  email: string | null;
}

/**
 * How a helpdesk's per-user OAuth (authorization code with PKCE, for a public
 * client) is reached; lib/oauth runs the flow. Zod-free: platforms are read by
 * the manifest build and the content script.
 */
export interface OAuthEndpoints {
  authorizePath: string;
  tokenPath: string;
  /** Revokes the token the request carries. */
  revokePath: string;
  /** Who the token acts as. */
  mePath: string;
  scope: string;
  /** The agent a "me" answer names, or null: anonymous, not an agent, or unreadable. */
  agentOf(body: unknown): OAuthAgent | null;
}
