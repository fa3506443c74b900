import type { HelpdeskPage } from '../platform';
import { zendeskAllows } from './allow-list';
import { zendeskPages } from './pages';

/** The statuses a write with a missing or stale token might get: Zendesk does not document which. */
const TOKEN_REFUSALS = [401, 403, 422];

const errorCode = (body: string): unknown => {
  try {
    return (JSON.parse(body) as { error?: unknown } | null)?.error;
  } catch {
    return undefined;
  }
};

/** What the content script needs of Zendesk (zod-free, and tiny). */
export const zendeskPage = {
  ...zendeskPages,
  allows: zendeskAllows,
  // Session writes need `X-CSRF-Token` = the signed-in agent's `authenticity_token` from users/me;
  // `users/me/session/renew` issues a new one during a session (Zendesk's help-center-api "secured
  // requests" article; OpenAPI, users).
  csrf: {
    path: '/api/v2/users/me.json',
    read: (body) => {
      const token = (body as { user?: { authenticity_token?: unknown } } | null)?.user?.authenticity_token;
      return typeof token === 'string' ? token : null;
    },
    renew: {
      path: '/api/v2/users/me/session/renew.json',
      read: (body) => {
        const token = (body as { authenticity_token?: unknown } | null)?.authenticity_token;
        return typeof token === 'string' ? token : null;
      },
    },
    // A validation refusal (`RecordInvalid`, e.g. a closed ticket's 422) means the token was accepted
    // and the ticket said no: renewing would not change the answer.
    stale: (status, body) => TOKEN_REFUSALS.includes(status) && errorCode(body) !== 'RecordInvalid',
  },
} as const satisfies HelpdeskPage<'zendesk'>;
