import type { HelpdeskPage } from '../platform';
import { zendeskAllows } from './allow-list';
import { matchZendeskUrl, ZENDESK_HOST } from './url';

/** What the content script needs of Zendesk (zod-free, and tiny). */
export const zendeskPage = {
  kind: 'zendesk',
  host: ZENDESK_HOST,
  pages: ['https://*.zendesk.com/agent/*'],
  match: matchZendeskUrl,
  allows: zendeskAllows,
  // Session writes need `X-CSRF-Token` = the signed-in agent's `authenticity_token` from users/me.
  csrf: {
    path: '/api/v2/users/me.json',
    read: (body) => {
      const token = (body as { user?: { authenticity_token?: unknown } } | null)?.user?.authenticity_token;
      return typeof token === 'string' ? token : null;
    },
  },
} as const satisfies HelpdeskPage<'zendesk'>;
