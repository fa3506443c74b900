import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { HelpdeskKind } from '../domain/ticket-ref';
import { HelpdeskError, type HttpRequest, type HttpResponse } from '../helpdesks/http';
import { endpointName } from '../helpdesks/parse';
import { platformOf, platformOfHost } from '../helpdesks/registry';
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
}

/**
 * The API-token transport: the background calls `https://{account}` itself with
 * basic auth, for work that must not depend on an open helpdesk tab (Freshdesk
 * writes, the outbox after a restart). The same allow-lists as the session
 * transport apply, and the helpdesk kind of the host must match the credential.
 */
export function createTokenTransport(options: TokenTransportOptions = {}): RawTransport {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const credentialOf = options.credential ?? storedCredential;
  const refused = options.refused ?? markRefused;
  return async (account: string, request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> => {
    const endpoint = endpointName(request.method, request.path);
    const platform = platformOfHost(account);
    if (platform === null || !platform.allows(request.method, request.path, request.body)) {
      throw new HelpdeskError('invalid', endpoint, `refused: ${endpoint} is not on the allow-list`);
    }
    const credential = await credentialOf(account);
    if (credential === null || credential.helpdesk !== platform.kind) {
      throw new HelpdeskError(
        'signed-out',
        endpoint,
        `No API token for ${account}: add one in Frontline’s options`,
      );
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: authorization(credential),
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.ifNoneMatch) headers['if-none-match'] = request.ifNoneMatch;
    const response = await fetchFn(`https://${account}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // The token is the only credential: no cookies, and no redirect may carry it elsewhere.
      credentials: 'omit',
      redirect: 'error',
      signal,
    });
    if (refusesCredential(request.method, response.status)) {
      await refused(account, credential, response.status);
      throw new CredentialRefused(credential.helpdesk, endpoint, response.status);
    }
    const kept: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      kept[name.toLowerCase()] = value;
    });
    return { status: response.status, headers: kept, body: await response.text() };
  };
}
