import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Helpdesk, SimAccount, SimUser } from './data/model';

export const SESSION_COOKIE: Record<Helpdesk, string> = {
  zendesk: '_zendesk_session',
  freshdesk: '_helpkit_session',
};

export interface Session {
  token: string;
  host: string;
  userId: string;
  /** Zendesk `authenticity_token`; Freshdesk `meta.csrf_token` / `<meta name="csrf-token">`. */
  csrf: string;
}

export interface Sessions {
  open(account: SimAccount, user: SimUser): Session;
  get(token: string | undefined, host: string): Session | undefined;
  close(token: string | undefined): void;
  /** Every open session (CSRF rotation changes their tokens). */
  all(): Session[];
}

export function createSessions(): Sessions {
  const byToken = new Map<string, Session>();
  return {
    open(account, user) {
      const session: Session = {
        token: randomBytes(18).toString('base64url'),
        host: account.host,
        userId: user.id,
        csrf: randomBytes(48).toString('base64url'),
      };
      byToken.set(session.token, session);
      return session;
    },
    get(token, host) {
      const session = token ? byToken.get(token) : undefined;
      return session?.host === host ? session : undefined;
    },
    close(token) {
      if (token) byToken.delete(token);
    },
    all: () => [...byToken.values()],
  };
}

export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function sessionCookie(helpdesk: Helpdesk, token: string): string {
  return `${SESSION_COOKIE[helpdesk]}=${token}; Path=/; Secure; HttpOnly; SameSite=Lax`;
}

export function clearedCookie(helpdesk: Helpdesk): string {
  return `${SESSION_COOKIE[helpdesk]}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`;
}

export type Credentials =
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'token'; user: SimUser }
  | { kind: 'oauth'; user: SimUser }
  | { kind: 'session'; user: SimUser; session: Session };

/**
 * Basic auth wins over the cookie, as on the real services. Zendesk takes
 * `email/token:TOKEN` with the account's token; Freshdesk takes an agent's `KEY:X`.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  account: SimAccount,
  sessions: Sessions,
  /** The user id of a Zendesk OAuth bearer token (zendesk/oauth.ts). */
  bearer: (token: string) => string | undefined = () => undefined,
): Credentials {
  const header = headers.authorization;
  if (header) {
    const [scheme, encoded] = header.split(' ');
    if (scheme?.toLowerCase() === 'bearer' && encoded && account.helpdesk === 'zendesk') {
      const user = account.users.get(bearer(encoded) ?? '');
      return user ? { kind: 'oauth', user } : { kind: 'invalid' };
    }
    if (scheme?.toLowerCase() !== 'basic' || !encoded) return { kind: 'invalid' };
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'invalid' };
    const name = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const agents = [...account.users.values()].filter((u) => u.role !== 'end-user');
    const user =
      account.helpdesk === 'zendesk'
        ? name.endsWith('/token') && secret === account.apiToken
          ? agents.find((u) => u.email.toLowerCase() === name.slice(0, -'/token'.length).toLowerCase())
          : undefined
        : agents.find((u) => u.apiKey !== null && u.apiKey === name);
    return user ? { kind: 'token', user } : { kind: 'invalid' };
  }
  const session = sessions.get(readCookie(headers, SESSION_COOKIE[account.helpdesk]), account.host);
  const user = session ? account.users.get(session.userId) : undefined;
  return session && user ? { kind: 'session', user, session } : { kind: 'none' };
}
