/**
 * Proof Key for Code Exchange (RFC 7636) with S256, as Zendesk asks of public
 * clients: developer.zendesk.com/documentation/api-basics/authentication/oauth-pkce.
 */

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 random bytes as base64url: 43 characters, inside RFC 7636's 43–128. */
export const randomToken = (random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) =>
  base64url(random(new Uint8Array(32)));

/** `code_challenge` = base64url(SHA-256(verifier)), without padding. */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
