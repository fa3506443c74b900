import type { ReviewRow } from '@/lib/domain/review/review-row';

/** A grant row of the review with test defaults. */
export const row = (over: Partial<ReviewRow>): ReviewRow => ({
  grantId: crypto.randomUUID(),
  helpdesk: 'zendesk',
  account: 'acme.zendesk.com',
  ticketId: '1',
  agentId: '10',
  agentName: 'Ada',
  customerId: '99',
  customerName: 'Carla',
  amount: 500,
  currency: 'USD',
  reason: 'Late delivery',
  at: '2026-11-20T10:00:00.000Z',
  solved: null,
  ...over,
});
