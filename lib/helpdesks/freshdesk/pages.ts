import type { HelpdeskPages } from '../platform';
import { FRESHDESK_HOST, matchFreshdeskUrl } from './url';

/** Which pages are Freshdesk's tickets (zod-free, and tiny). */
export const freshdeskPages = {
  kind: 'freshdesk',
  host: FRESHDESK_HOST,
  pages: ['https://*.freshdesk.com/a/*', 'https://*.freshdesk.com/helpdesk/tickets/*'],
  match: matchFreshdeskUrl,
} as const satisfies HelpdeskPages<'freshdesk'>;
