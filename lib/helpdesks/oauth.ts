import type { HelpdeskKind } from '../domain/ticket-ref';
import { platformOfHost, platforms } from './registry';
import { zendeskOAuth } from './zendesk/oauth';

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

/*
 * Which helpdesks offer OAuth, kept out of the platform objects so the sidebar
 * and the content script, which read every platform, do not carry it.
 */
const BY_KIND: Partial<Record<HelpdeskKind, OAuthEndpoints>> = { zendesk: zendeskOAuth };

/** The OAuth endpoints of this account's helpdesk, or null where it offers none. */
export const oauthOfHost = (host: string): OAuthEndpoints | null => {
  const platform = platformOfHost(host);
  return platform === null ? null : (BY_KIND[platform.kind] ?? null);
};

/** The account for a bare subdomain, when exactly one helpdesk offers OAuth. */
export const oauthAccountOfSubdomain = (subdomain: string): string | null => {
  const offering = platforms().filter((p) => BY_KIND[p.kind] !== undefined);
  return offering.length === 1 ? (offering[0]?.accountOf(subdomain) ?? null) : null;
};
