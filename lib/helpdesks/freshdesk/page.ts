import type { HelpdeskPage } from '../platform';
import { freshdeskAllows } from './allow-list';
import { freshdeskPages } from './pages';

/** What the content script needs of Freshdesk (zod-free, and tiny). */
export const freshdeskPage = {
  ...freshdeskPages,
  allows: freshdeskAllows,
  // Freshdesk writes go with the rep's API key (platform.writes = 'token'), so no session write
  // needs a token. Its agent UI's own token (`/api/_/bootstrap/me` → `meta.csrf_token`) is for the
  // private UI API, which Frontline does not write to.
  csrf: null,
} as const satisfies HelpdeskPage<'freshdesk'>;
