import type { CsrfSource } from '../helpdesks/platform';

/**
 * The token session writes carry (Zendesk: the signed-in agent's `authenticity_token`
 * from users/me), per the platform's CSRF source. Fetched once per page and reused; a
 * failed fetch is not cached, so the next write tries again.
 */
export function csrfTokenSource(csrf: CsrfSource | null): () => Promise<string | null> {
  if (csrf === null) return async () => null;
  let token: Promise<string | null> | null = null;
  return () => {
    token ??= fetch(csrf.path, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then((response) => response.json())
      .then((body: unknown) => csrf.read(body))
      .catch(() => {
        token = null;
        return null;
      });
    return token;
  };
}
