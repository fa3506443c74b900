import { describe, expect, it } from 'vitest';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { describeError } from '../../../lib/sync/sections';

describe('describeError', () => {
  it('names the helpdesk, what failed and the status', () => {
    const error = new HelpdeskError('forbidden', 'GET /api/v2/tickets/:id/audits', 'Forbidden', 403);
    expect(describeError(error, 'zendesk', 'audits')).toEqual({
      message: "Zendesk refused access to this ticket's audits (403).",
      status: 403,
      retryable: false,
      reason: { kind: 'forbidden', subject: 'audits', name: 'Zendesk' },
    });
  });
  it('names the field of a malformed answer', () => {
    const error = new HelpdeskError('malformed', 'GET /api/v2/tickets/:id', 'bad', 200, 'ticket.subject');
    expect(describeError(error, 'freshdesk', 'ticket').message).toBe(
      'Freshdesk sent an answer for this ticket that Frontline cannot read (field ticket.subject).',
    );
  });
  it('treats anything else as the helpdesk not answering', () => {
    expect(describeError(new TypeError('Failed to fetch'), 'zendesk', 'history')).toMatchObject({
      message: "Could not load this customer's other tickets: Zendesk did not answer.",
      retryable: true,
    });
  });
});
