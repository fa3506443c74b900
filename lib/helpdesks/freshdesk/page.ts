import type { HelpdeskPage } from '../platform';
import { freshdeskAllows } from './allow-list';
import { FRESHDESK_HOST, matchFreshdeskUrl } from './url';

/** What the content script needs of Freshdesk (zod-free, and tiny). */
export const freshdeskPage = {
  kind: 'freshdesk',
  host: FRESHDESK_HOST,
  pages: ['https://*.freshdesk.com/a/*', 'https://*.freshdesk.com/helpdesk/tickets/*'],
  match: matchFreshdeskUrl,
  allows: freshdeskAllows,
  csrf: null,
} as const satisfies HelpdeskPage<'freshdesk'>;
