import type { HelpdeskKind } from '../domain/ticket-ref';

/**
 * Zendesk session writes need `X-CSRF-Token` = the signed-in agent's
 * `authenticity_token` from users/me. Fetched once per page and reused; a
 * failed fetch is not cached, so the next write tries again.
 */
export function csrfTokenSource(helpdesk: HelpdeskKind): () => Promise<string | null> {
  if (helpdesk !== 'zendesk') return async () => null;
  let token: Promise<string | null> | null = null;
  return () => {
    token ??= fetch('/api/v2/users/me.json', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then((response) => response.json())
      .then((body: { user?: { authenticity_token?: unknown } }) =>
        typeof body.user?.authenticity_token === 'string' ? body.user.authenticity_token : null,
      )
      .catch(() => {
        token = null;
        return null;
      });
    return token;
  };
}
