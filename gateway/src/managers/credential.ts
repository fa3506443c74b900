import type { HelpdeskKind } from '../../../lib/helpdesks/registry';

/**
 * The manager's helpdesk credential as it arrived in `Authorization`. The gateway never
 * keeps it: it is forwarded to the helpdesk once to be checked, and only its SHA-256 is
 * remembered (cache.ts).
 */
export interface ManagerCredential {
  /** The header exactly as the helpdesk wants it, forwarded as it came. */
  authorization: string;
}

export type CredentialProblem = { error: string };

const BEARER = /^Bearer [A-Za-z0-9._~+/=-]{8,4096}$/;
const BASIC = /^Basic ([A-Za-z0-9+/]{4,4096}={0,2})$/;

function basicUser(header: string): string | null {
  const encoded = BASIC.exec(header)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : null;
}

/**
 * Which forms each helpdesk accepts from a manager: Zendesk an OAuth bearer or an API token
 * (`email/token:TOKEN` as basic); Freshdesk an agent's API key as basic (`KEY:X`). A password
 * (Zendesk `email:password`) is refused: the gateway is not a place to type one.
 */
export function parseCredential(
  kind: HelpdeskKind,
  header: string | undefined,
): ManagerCredential | CredentialProblem {
  if (!header) {
    return { error: 'Sign in through the helpdesk: this request carries no Authorization header.' };
  }
  const value = header.trim();
  if (kind === 'zendesk') {
    if (BEARER.test(value)) return { authorization: value };
    const user = basicUser(value);
    if (user?.endsWith('/token')) return { authorization: value };
    return {
      error: 'Zendesk managers sign in with an OAuth token (Bearer) or an API token (email/token as Basic).',
    };
  }
  if (basicUser(value) !== null) return { authorization: value };
  return { error: 'Freshdesk managers sign in with their agent API key (Basic KEY:X).' };
}
