import { describe, expect, it } from 'vitest';
import { archiveAgeDays, looksArchived } from '../../../lib/helpdesks/zendesk/normalize';
import type { ZendeskTicket } from '../../../lib/helpdesks/zendesk/schemas';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00Z');
const closedDaysAgo = (days: number, status = 'closed') =>
  ({ status, updated_at: new Date(NOW - days * DAY).toISOString() }) as ZendeskTicket;

describe('Zendesk archive age (issue 16: sandboxes archive after 3 days)', () => {
  it.each<[string, number]>([
    ['acme.zendesk.com', 120],
    ['acme2.zendesk.com', 120],
    ['acme-support.zendesk.com', 120],
    ['team42corp.zendesk.com', 120],
    ['acme1718000000.zendesk.com', 3],
    ['acme-eu1234567.zendesk.com', 3],
    ['ACME1718000000.ZENDESK.COM', 3],
    ['acme1718000000.zendesk.com.evil.test', 120],
  ])('%s archives closed tickets after %i days', (host, days) => {
    expect(archiveAgeDays(host)).toBe(days);
  });

  it.each<[string, number, string, boolean]>([
    ['acme.zendesk.com', 4, 'closed', false],
    ['acme.zendesk.com', 119, 'closed', false],
    ['acme.zendesk.com', 120, 'closed', true],
    ['acme1718000000.zendesk.com', 2, 'closed', false],
    ['acme1718000000.zendesk.com', 3, 'closed', true],
    ['acme1718000000.zendesk.com', 30, 'solved', false],
  ])('on %s a ticket %i days after it was %s looks archived: %s', (host, days, status, archived) => {
    expect(looksArchived(closedDaysAgo(days, status), host, NOW)).toBe(archived);
  });
});
