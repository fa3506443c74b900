import type { HelpdeskPages } from '../platform';
import { matchZendeskUrl, ZENDESK_HOST } from './url';

/** Which pages are Zendesk's tickets (zod-free, and tiny). */
export const zendeskPages = {
  kind: 'zendesk',
  host: ZENDESK_HOST,
  pages: ['https://*.zendesk.com/agent/*'],
  match: matchZendeskUrl,
} as const satisfies HelpdeskPages<'zendesk'>;
