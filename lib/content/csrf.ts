import type { CsrfRead, CsrfSource } from '../helpdesks/platform';
import { pageFetch } from './page-fetch';

/** The CSRF token of this page's session writes, per the platform's CSRF source. */
export interface CsrfTokens {
  /** The token now: fetched once per page and reused; a failed fetch is not kept, so the next write asks again. */
  current(): Promise<string | null>;
  /**
   * A token in place of `stale`, the one a refused write carried, or null when none can be had.
   * A token another write already renewed is used as it is, and writes refused together share
   * one renewal: a helpdesk that invalidates the previous token on renewal would otherwise
   * refuse the retries of all but the last.
   */
  renew(stale: string | null, signal?: AbortSignal): Promise<string | null>;
  /** Whether a refused write's answer can mean its token went stale (the platform's rule). */
  stale(status: number, body: string): boolean;
}

/**
 * At an absolute URL on the page's origin: a Firefox MV2 content script resolves a relative URL
 * against the extension's base (moz-extension://), not the page, so the token never came.
 */
const fetchToken = (source: CsrfRead, signal?: AbortSignal): Promise<string | null> =>
  pageFetch()(new URL(source.path, location.origin), {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal,
  })
    .then((response) => response.json())
    .then((body: unknown) => source.read(body))
    .catch(() => null);

const NO_TOKENS: CsrfTokens = {
  current: async () => null,
  renew: async () => null,
  stale: () => false,
};

export function csrfTokens(csrf: CsrfSource | null): CsrfTokens {
  if (csrf === null) return NO_TOKENS;
  let token: Promise<string | null> | null = null;
  let renewing: Promise<string | null> | null = null;
  const current = () => {
    token ??= fetchToken(csrf).then((value) => {
      if (value === null) token = null;
      return value;
    });
    return token;
  };
  return {
    current,
    async renew(stale, signal) {
      const { renew } = csrf;
      if (renew === null) return null;
      if (renewing === null) {
        const now = await current();
        if (now !== null && now !== stale) return now;
      }
      renewing ??= fetchToken(renew, signal).then((value) => {
        renewing = null;
        if (value !== null) token = Promise.resolve(value);
        return value;
      });
      return renewing;
    },
    stale: (status, body) => csrf.stale(status, body),
  };
}
