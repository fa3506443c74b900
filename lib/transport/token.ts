import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { HelpdeskKind } from '../domain/ticket-ref';
import { HelpdeskError, type HttpRequest, type HttpResponse } from '../helpdesks/http';
import { oauthOfHost } from '../helpdesks/oauth';
import { pageOfHost } from '../helpdesks/page-of-host';
import { endpointName } from '../helpdesks/parse';
import { platformOf, platformOfHost } from '../helpdesks/registry';
import { type BearerSource, oauthBearer } from '../oauth/bearer';
import { credentialRefusals, credentials } from '../storage/items';
import type { RawTransport } from './scheduler';

/**
 * A credential of a registered helpdesk in the shape its platform declares (Zendesk: an
 * agent's email plus the account's API token; Freshdesk: the agent's own API key).
 * Fields the platform does not declare are dropped.
 */
export const TokenCredential = z
  .object({ helpdesk: HelpdeskKind })
  .catchall(z.unknown())
  .transform((value, ctx): TokenCredential => {
    const credential: Record<string, string> = {};
    for (const [field, min] of Object.entries(platformOf(value.helpdesk).credential.fields)) {
      const text = value[field];
      if (typeof text !== 'string' || text.length < min) {
        ctx.addIssue({ code: 'custom', path: [field], message: `expected at least ${min} characters` });
        return z.NEVER;
      }
      credential[field] = text;
    }
    return { ...credential, helpdesk: value.helpdesk };
  });
export interface TokenCredential {
  helpdesk: HelpdeskKind;
  readonly [field: string]: string;
}

/**
 * The stored credential of one account, or null. Read on every request so a
 * token changed in the options page applies at once; only the background calls
 * this: no message carries a credential, so it never reaches a content script
 * or a page (content scripts could read storage.local themselves, but ours never do).
 */
export async function storedCredential(account: string): Promise<TokenCredential | null> {
  const all = await credentials().getValue();
  if (typeof all !== 'object' || all === null) return null;
  const parsed = TokenCredential.safeParse((all as Record<string, unknown>)[account]);
  return parsed.success ? parsed.data : null;
}

const RefusalMap = z.record(z.string(), z.number().int());

const readRefusals = async (): Promise<Record<string, number>> => {
  const parsed = RefusalMap.safeParse(await credentialRefusals().getValue());
  return parsed.success ? parsed.data : {};
};

/** The status (401, 403) with which the helpdesk refused this account's stored credential, or null. */
export async function credentialRefusal(account: string): Promise<number | null> {
  return (await readRefusals())[account] ?? null;
}

/**
 * Stores (or with null, forgets) one account's credential, leaving the others as
 * they are. A new or removed credential also forgets the old one's refusal.
 */
export async function saveCredential(account: string, credential: TokenCredential | null): Promise<void> {
  const [stored, refusals] = await Promise.all([credentials().getValue(), readRefusals()]);
  const all: Record<string, unknown> = typeof stored === 'object' && stored !== null ? { ...stored } : {};
  if (credential === null) delete all[account];
  else all[account] = TokenCredential.parse(credential);
  delete refusals[account];
  // One write for both, so a listener never sees the new credential beside the old one's refusal.
  await storage.setItems([
    { item: credentials(), value: all },
    { item: credentialRefusals(), value: refusals },
  ]);
}

/** Accounts with a stored credential, and whether their helpdesk refused it: what the options page lists. */
export async function storedAccounts(): Promise<
  { account: string; helpdesk: TokenCredential['helpdesk']; refused: number | null }[]
> {
  const all = await credentials().getValue();
  if (typeof all !== 'object' || all === null) return [];
  const refusals = await readRefusals();
  return Object.entries(all as Record<string, unknown>).flatMap(([account, value]) => {
    const parsed = TokenCredential.safeParse(value);
    return parsed.success
      ? [{ account, helpdesk: parsed.data.helpdesk, refused: refusals[account] ?? null }]
      : [];
  });
}

/**
 * Remembers that the helpdesk refused `used`, unless the rep replaced it
 * meanwhile (the new key has not been tried, so it is not refused).
 */
async function markRefused(account: string, used: TokenCredential, status: number): Promise<void> {
  const current = await storedCredential(account);
  if (current === null || JSON.stringify(current) !== JSON.stringify(used)) return;
  await credentialRefusals().setValue({ ...(await readRefusals()), [account]: status });
}

/**
 * The helpdesk refused the stored key or token itself: not a session that
 * ended, and not worth retrying until the rep enters a new one.
 */
export class CredentialRefused extends HelpdeskError {
  constructor(
    readonly helpdesk: TokenCredential['helpdesk'],
    endpoint: string,
    status: number,
  ) {
    super(
      status === 401 ? 'signed-out' : 'forbidden',
      endpoint,
      'The helpdesk refused the API credential',
      status,
    );
    this.name = 'CredentialRefused';
  }
}

/** 401 always means the credential; 403 on a write is read so too (a key without the right to write). */
const refusesCredential = (method: HttpRequest['method'], status: number): boolean =>
  status === 401 || (status === 403 && method !== 'GET');

/** Basic auth over UTF-8 bytes: btoa alone throws on a non-Latin-1 character. */
const basic = (user: string, secret: string): string => {
  const bytes = new TextEncoder().encode(`${user}:${secret}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
};

const authorization = (credential: TokenCredential): string =>
  basic(...platformOf(credential.helpdesk).credential.basicAuth(credential));

export interface TokenTransportOptions {
  fetch?: typeof fetch;
  credential?: (account: string) => Promise<TokenCredential | null>;
  /** Remembers a refused credential (markRefused in storage by default). */
  refused?: (account: string, used: TokenCredential, status: number) => Promise<void>;
  /** The rep's own OAuth connection (lib/oauth/bearer; Zendesk offers it), preferred to any API token. */
  bearer?: BearerSource;
}

type Send = (authorization: string) => Promise<Response>;

/**
 * A request with the rep's OAuth token. A 401 is answered once with a refreshed
 * token (an expired one); refused again, or with nothing to refresh, the
 * connection is marked refused and the options page asks the rep to reconnect.
 * Only a 401 says the token is bad: a 403 is this agent's permission, not the token's.
 */
async function sendWithBearer(
  helpdesk: HelpdeskKind,
  bearer: BearerSource,
  account: string,
  first: string,
  send: Send,
  endpoint: string,
): Promise<Response> {
  let token = first;
  let response = await send(`Bearer ${token}`);
  if (response.status === 401) {
    const renewed = await bearer.renew(account, token);
    if (renewed !== null && renewed !== token) {
      token = renewed;
      response = await send(`Bearer ${token}`);
    }
  }
  if (response.status === 401) {
    await bearer.reject(account, token, 401);
    throw new CredentialRefused(helpdesk, endpoint, 401);
  }
  return response;
}

/**
 * The background's own transport, for work that must not depend on an open
 * helpdesk tab (Freshdesk writes, the watcher, the outbox after a restart): it
 * calls `https://{account}` itself. On Zendesk it sends the rep's own OAuth
 * token (Bearer) when the rep connected the account; the account API token
 * (basic auth, `{email}/token`) is used only when an administrator saved one
 * instead, and it can act as any user. Freshdesk uses the rep's own API key.
 * The same allow-lists as the session transport apply, and the helpdesk kind of
 * the host must match the credential.
 */
export function createTokenTransport(options: TokenTransportOptions = {}): RawTransport {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const credentialOf = options.credential ?? storedCredential;
  const refused = options.refused ?? markRefused;
  const bearer = options.bearer ?? oauthBearer();
  return async (account: string, request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> => {
    const endpoint = endpointName(request.method, request.path);
    const platform = platformOfHost(account);
    if (platform === null || !pageOfHost(account)?.allows(request.method, request.path, request.body)) {
      throw new HelpdeskError('invalid', endpoint, `refused: ${endpoint} is not on the allow-list`);
    }
    const send: Send = (authorization) => {
      const headers: Record<string, string> = { accept: 'application/json', authorization };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      if (request.ifNoneMatch) headers['if-none-match'] = request.ifNoneMatch;
      return fetchFn(`https://${account}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        // The token is the only credential: no cookies, and no redirect may carry it elsewhere.
        credentials: 'omit',
        redirect: 'error',
        signal,
      });
    };
    const offersOAuth = oauthOfHost(account) !== null;
    const token = offersOAuth ? await bearer.current(account) : null;
    let response: Response;
    if (token !== null)
      response = await sendWithBearer(platform.kind, bearer, account, token, send, endpoint);
    else {
      const credential = await credentialOf(account);
      if (credential === null || credential.helpdesk !== platform.kind) {
        throw new HelpdeskError(
          'signed-out',
          endpoint,
          offersOAuth
            ? `Not connected to ${account}: connect ${platform.name} in Frontline’s options`
            : `No API token for ${account}: add one in Frontline’s options`,
        );
      }
      response = await send(authorization(credential));
      if (refusesCredential(request.method, response.status)) {
        await refused(account, credential, response.status);
        throw new CredentialRefused(credential.helpdesk, endpoint, response.status);
      }
    }
    const kept: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      kept[name.toLowerCase()] = value;
    });
    return { status: response.status, headers: kept, body: await response.text() };
  };
}
