import { describe, expect, it } from 'vitest';
import { errorText } from '../../../components/model/section';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { en } from '../../../lib/i18n/catalogue';
import ar from '../../../lib/i18n/locales/ar.json';
import de from '../../../lib/i18n/locales/de.json';
import { createTranslator } from '../../../lib/i18n/t';
import { describeError } from '../../../lib/sync/sections';

const german = createTranslator((key) => (de as Record<string, string>)[key] ?? '', 'de').t;
const arabic = createTranslator((key) => (ar as Record<string, string>)[key] ?? '', 'ar').t;
const english = createTranslator(() => '', 'en').t;

const failures = [
  new HelpdeskError('forbidden', 'GET /api/v2/tickets/:id/audits', 'Forbidden', 403),
  new HelpdeskError('not-found', 'GET /api/v2/tickets/:id', 'Not found', 404),
  new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'Unauthorized', 401),
  new HelpdeskError('malformed', 'GET /api/v2/tickets/:id', 'bad', 200, 'ticket.subject'),
  new HelpdeskError('rate-limited', 'GET /api/v2/tickets/:id', 'Too many', 429),
  new HelpdeskError('server', 'GET /api/v2/tickets/:id', 'Bad gateway', 502),
  new HelpdeskError('network', 'GET /api/v2/tickets/:id', 'offline'),
  new HelpdeskError('conflict', 'PUT /api/v2/tickets/:id', 'Edited meanwhile', 409),
  new TypeError('Failed to fetch'),
];

describe('a section error in the rep’s language (issue 18)', () => {
  it.each(
    failures.map((error) => [error instanceof HelpdeskError ? error.kind : 'no answer', error] as const),
  )('%s: English reads as the background’s message', (_kind, error) => {
    const described = describeError(error, 'zendesk', 'audits');
    expect(errorText(described, english)).toBe(
      described.status === null || described.message.includes(`(${described.status})`)
        ? described.message
        : `${described.message} (${described.status})`,
    );
  });

  it('German and Arabic name the helpdesk, what failed and the status in their own words', () => {
    const forbidden = describeError(failures[0]!, 'zendesk', 'audits');
    expect(errorText(forbidden, german)).toBe(
      'Zendesk hat den Zugriff auf die Audits dieses Tickets verweigert (403).',
    );
    const text = errorText(forbidden, arabic);
    expect(text).toContain('رفض');
    expect(text).toContain('سجلات تدقيق هذه التذكرة');
    expect(text).toContain('(403)');
    expect(errorText(describeError(failures[3]!, 'freshdesk', 'ticket'), german)).toBe(
      'Freshdesk hat für dieses Ticket eine Antwort geschickt, die Frontline nicht lesen kann (Feld ticket.subject). (200)',
    );
  });

  it('an error without a reason (an older worker, another page) shows its message', () => {
    expect(errorText({ message: 'Something broke.', status: null, retryable: true }, german)).toBe(
      'Something broke.',
    );
    expect(en.section_error_forbidden).toContain('{status}');
  });
});
