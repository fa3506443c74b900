import { createHash, randomBytes } from 'node:crypto';
import type { SimAccount, SimUser } from '../data/model';
import { escapeHtml } from '../data/text';
import { empty, json, type Reply, text } from '../http/reply';

/*
 * Zendesk's OAuth authorization code grant with PKCE, as a public client sees it:
 * - GET /oauth/authorizations/new (response_type=code, client_id, redirect_uri, scope, state,
 *   code_challenge, code_challenge_method=S256): signed out, the sign-in page; signed in, the
 *   "Allow" page, whose answer redirects to redirect_uri?code=…&state=… (or error=access_denied);
 *   a redirect_uri not registered with the client is an error page, never a redirect.
 *   support.zendesk.com/hc/en-us/articles/4408845965210; developer.zendesk.com/documentation/
 *   api-basics/authentication/oauth-pkce (public clients must use PKCE).
 * - POST /oauth/tokens (JSON): authorization_code (the code lives 120 s, once; client_id and
 *   redirect_uri must match; base64url(SHA-256(code_verifier)) must equal the challenge) or
 *   refresh_token (a new access and refresh token; both old ones stop working). Answers
 *   {access_token, token_type:"bearer", scope, refresh_token, expires_in, refresh_token_expires_in}.
 *   developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens;
 *   support.zendesk.com/hc/en-us/articles/9182123625370 (refresh and expiry).
 * - `Authorization: Bearer` on the API acts as the token's user; Zendesk sends CORS headers for
 *   OAuth-authenticated requests (none for basic or token auth, none on 403/429:
 *   helpdesk-apis.md §1.1). DELETE /api/v2/oauth/tokens/current revokes the token in use (204):
 *   developer.zendesk.com/documentation/api-basics/authentication/revoking-oauth-token.
 * Off by default: no client is registered until a test registers one, so nothing changes
 * for anyone else.
 */

export interface OAuthClient {
  id: string;
  /** Exact redirect URLs, as the admin typed them in Admin Center. */
  redirectUris: string[];
}

export interface OAuthSettings {
  /** Access-token lifetime (`expires_in`); null: tokens that never expire (older clients). */
  accessTtlSeconds: number | null;
  /** Skip the Allow page for a signed-in agent (redirect at once). */
  autoApprove: boolean;
}

interface Grant {
  host: string;
  userId: string;
  clientId: string;
  scope: string;
}

interface Code extends Grant {
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

interface Token extends Grant {
  expiresAt: number | null;
  refresh: string;
}

export interface OAuthRequest {
  method: string;
  url: URL;
  raw: string;
  account: SimAccount;
  /** The agent signed in with the session cookie, if any. */
  signedIn: SimUser | undefined;
  origin: string | undefined;
  /** Opens a session for this user and returns its Set-Cookie header. */
  signIn(user: SimUser): string;
}

export interface SimOAuth {
  registerClient(host: string, client: OAuthClient): void;
  configure(settings: Partial<OAuthSettings>): void;
  /** The user a bearer token acts as on this host, or undefined (unknown, expired or revoked). */
  userOf(token: string, host: string): string | undefined;
  /** Answers /oauth/* and /access/login, or null for other paths. */
  handle(request: OAuthRequest): Reply | null;
  /** DELETE /api/v2/oauth/tokens/current with this bearer token. */
  revoke(token: string, host: string): boolean;
  /** Makes every issued access token expire now (a test's way to skip ahead). */
  expireAll(): void;
  /** Access tokens issued so far: `{ host, userId, clientId }`, newest last. */
  issued(): Grant[];
  reset(): void;
}

const CODE_TTL_MS = 120_000;
const REFRESH_TTL_SECONDS = 30 * 24 * 3600;

const base64url = (buffer: Buffer): string => buffer.toString('base64url');
const newToken = (): string => base64url(randomBytes(24));

/** CORS for OAuth-authenticated answers: Zendesk echoes the caller's origin. */
export const corsHeaders = (origin: string | undefined): Record<string, string> => ({
  'access-control-allow-origin': origin ?? '*',
  'access-control-allow-headers': 'authorization, content-type, accept, if-none-match',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-expose-headers': 'etag, retry-after, x-rate-limit, x-rate-limit-remaining',
  vary: 'Origin',
});

const html = (status: number, title: string, body: string): Reply =>
  text(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`,
    'text/html; charset=utf-8',
  );

const hidden = (params: URLSearchParams): string =>
  [...params]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');

const formOf = (raw: string): URLSearchParams => {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null) {
      return new URLSearchParams(
        Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
      );
    }
  } catch {
    // Not JSON: a form body, as RFC 6749 sends it.
  }
  return new URLSearchParams(raw);
};

const oauthError = (status: number, error: string, description: string, origin?: string): Reply =>
  json(status, { error, error_description: description }, corsHeaders(origin));

export function createOAuth(now: () => number = Date.now): SimOAuth {
  const clients = new Map<string, OAuthClient[]>();
  const codes = new Map<string, Code>();
  const tokens = new Map<string, Token>();
  const refreshes = new Map<string, string>();
  const issued: Grant[] = [];
  let settings: OAuthSettings = { accessTtlSeconds: null, autoApprove: false };

  const clientOf = (host: string, id: string | null) => clients.get(host)?.find((c) => c.id === id);

  function issue(grant: Grant): Reply {
    const access = newToken();
    const refresh = newToken();
    const ttl = settings.accessTtlSeconds;
    tokens.set(access, { ...grant, expiresAt: ttl === null ? null : now() + ttl * 1000, refresh });
    refreshes.set(refresh, access);
    issued.push(grant);
    return json(200, {
      access_token: access,
      token_type: 'bearer',
      scope: grant.scope,
      refresh_token: refresh,
      ...(ttl === null ? {} : { expires_in: ttl }),
      refresh_token_expires_in: REFRESH_TTL_SECONDS,
    });
  }

  /** Checks the authorize parameters; an unknown client or redirect is an error page (RFC 6749 §4.1.2.1). */
  function checkAuthorize(host: string, params: URLSearchParams): Reply | OAuthClient {
    const client = clientOf(host, params.get('client_id'));
    if (!client) return html(400, 'Invalid client', '<h1 data-sim="oauth-error">Invalid OAuth client</h1>');
    if (!client.redirectUris.includes(params.get('redirect_uri') ?? '')) {
      return html(
        400,
        'Invalid redirect',
        '<h1 data-sim="oauth-error">The redirect URI is not registered</h1>',
      );
    }
    return client;
  }

  const redirectTo = (params: URLSearchParams, answer: Record<string, string>): Reply => {
    const target = new URL(params.get('redirect_uri') ?? '');
    for (const [k, v] of Object.entries(answer)) target.searchParams.set(k, v);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return empty(302, { location: target.href });
  };

  function grantCode(params: URLSearchParams, host: string, user: SimUser): Reply {
    const challenge = params.get('code_challenge');
    if (params.get('response_type') !== 'code')
      return redirectTo(params, { error: 'unsupported_response_type' });
    // A public client must use PKCE, and only S256 is accepted.
    if (!challenge || params.get('code_challenge_method') !== 'S256')
      return redirectTo(params, {
        error: 'invalid_request',
        error_description: 'PKCE with S256 is required',
      });
    const code = newToken();
    codes.set(code, {
      host,
      userId: user.id,
      clientId: params.get('client_id') ?? '',
      scope: params.get('scope') ?? 'read',
      redirectUri: params.get('redirect_uri') ?? '',
      challenge,
      expiresAt: now() + CODE_TTL_MS,
    });
    return redirectTo(params, { code });
  }

  function authorizePage(params: URLSearchParams, user: SimUser, client: OAuthClient): Reply {
    return html(
      200,
      'Allow access',
      `<h1 data-sim="oauth-allow">${escapeHtml(client.id)} wants to access your account</h1>
<p>Signed in as <span data-sim="oauth-user">${escapeHtml(user.email)}</span></p>
<form method="post" action="/oauth/authorizations">${hidden(params)}
<button name="decision" value="allow" data-sim="oauth-approve">Allow</button>
<button name="decision" value="deny" data-sim="oauth-deny">Deny</button></form>`,
    );
  }

  function signInPage(returnTo: string): Reply {
    return html(
      200,
      'Sign in',
      `<h1 data-sim="sign-in">Sign in to Zendesk</h1>
<form method="post" action="/access/login"><input type="hidden" name="return_to" value="${escapeHtml(returnTo)}">
<input name="email" data-sim="sign-in-email" autocomplete="username">
<button data-sim="sign-in-submit">Sign in</button></form>`,
    );
  }

  function tokenEndpoint(request: OAuthRequest): Reply {
    const { account, origin } = request;
    const form = formOf(request.raw);
    const client = clientOf(account.host, form.get('client_id'));
    if (!client) return oauthError(401, 'invalid_client', 'Client authentication failed', origin);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!code || code.expiresAt < now() || code.host !== account.host || code.clientId !== client.id)
        return oauthError(400, 'invalid_grant', 'The authorization code is invalid or expired', origin);
      if (form.get('redirect_uri') !== code.redirectUri)
        return oauthError(400, 'invalid_grant', 'The redirect URI does not match', origin);
      if (base64url(createHash('sha256').update(verifier).digest()) !== code.challenge)
        return oauthError(400, 'invalid_grant', 'The code verifier does not match the challenge', origin);
      const reply = issue(code);
      return { ...reply, headers: { ...reply.headers, ...corsHeaders(origin) } };
    }
    if (grantType === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      const access = refreshes.get(refresh);
      const old = access === undefined ? undefined : tokens.get(access);
      if (!old || access === undefined || old.host !== account.host || old.clientId !== client.id)
        return oauthError(400, 'invalid_grant', 'The refresh token is invalid', origin);
      tokens.delete(access);
      refreshes.delete(refresh);
      const reply = issue(old);
      return { ...reply, headers: { ...reply.headers, ...corsHeaders(origin) } };
    }
    return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType ?? '(none)'}`, origin);
  }

  return {
    registerClient(host, client) {
      clients.set(host, [...(clients.get(host) ?? []).filter((c) => c.id !== client.id), client]);
    },
    configure(change) {
      settings = { ...settings, ...change };
    },
    userOf(token, host) {
      const found = tokens.get(token);
      if (!found || found.host !== host) return undefined;
      if (found.expiresAt !== null && found.expiresAt <= now()) return undefined;
      return found.userId;
    },
    handle(request) {
      const { method, url, account } = request;
      const path = url.pathname;
      if (method === 'OPTIONS' && (path === '/oauth/tokens' || path.startsWith('/api/')))
        return empty(204, corsHeaders(request.origin));
      if (path === '/oauth/tokens' && method === 'POST') return tokenEndpoint(request);
      if (path === '/oauth/authorizations/new' && method === 'GET') {
        const checked = checkAuthorize(account.host, url.searchParams);
        if (!('redirectUris' in checked)) return checked;
        if (!request.signedIn) return signInPage(path + url.search);
        return settings.autoApprove
          ? grantCode(url.searchParams, account.host, request.signedIn)
          : authorizePage(url.searchParams, request.signedIn, checked);
      }
      if (path === '/oauth/authorizations' && method === 'POST') {
        const form = new URLSearchParams(request.raw);
        const checked = checkAuthorize(account.host, form);
        if (!('redirectUris' in checked)) return checked;
        if (!request.signedIn) return text(403, 'Signed out');
        return form.get('decision') === 'allow'
          ? grantCode(form, account.host, request.signedIn)
          : redirectTo(form, { error: 'access_denied', error_description: 'The user denied access' });
      }
      if (path === '/access/login' && method === 'POST') {
        const form = new URLSearchParams(request.raw);
        const email = (form.get('email') ?? '').toLowerCase();
        const user = [...account.users.values()].find(
          (u) => u.role !== 'end-user' && u.email.toLowerCase() === email,
        );
        if (!user) return signInPage(form.get('return_to') ?? '/agent');
        const back = form.get('return_to') ?? '/agent';
        return empty(302, {
          location: back.startsWith('/') ? back : '/agent',
          'set-cookie': request.signIn(user),
        });
      }
      return null;
    },
    revoke(token, host) {
      const found = tokens.get(token);
      if (!found || found.host !== host) return false;
      tokens.delete(token);
      refreshes.delete(found.refresh);
      return true;
    },
    expireAll() {
      for (const token of tokens.values()) token.expiresAt = now() - 1;
    },
    issued: () => [...issued],
    reset() {
      clients.clear();
      codes.clear();
      tokens.clear();
      refreshes.clear();
      issued.length = 0;
      settings = { accessTtlSeconds: null, autoApprove: false };
    },
  };
}

/**
 * `/__sim/oauth/…` for clients that are not in-process: POST `clients` with
 * `{ host, id, redirectUris }`, POST `settings` with `{ accessTtlSeconds?, autoApprove? }`,
 * POST `expire` to expire every issued access token.
 */
export function oauthControl(oauth: SimOAuth, method: string, path: string, body: unknown): Reply {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (method !== 'POST') return json(405, { error: 'POST only' });
  switch (path) {
    case '/__sim/oauth/clients': {
      const { host, id, redirectUris } = value;
      if (typeof host !== 'string' || typeof id !== 'string' || !Array.isArray(redirectUris))
        return json(400, { error: 'host, id and redirectUris are required' });
      oauth.registerClient(host, { id, redirectUris: redirectUris.map(String) });
      return json(200, { ok: true });
    }
    case '/__sim/oauth/settings': {
      const ttl = value.accessTtlSeconds;
      oauth.configure({
        ...(typeof ttl === 'number' || ttl === null ? { accessTtlSeconds: ttl } : {}),
        ...(typeof value.autoApprove === 'boolean' ? { autoApprove: value.autoApprove } : {}),
      });
      return json(200, { ok: true });
    }
    case '/__sim/oauth/expire':
      oauth.expireAll();
      return json(200, { ok: true });
    default:
      return json(404, { error: `no control route ${path}` });
  }
}
