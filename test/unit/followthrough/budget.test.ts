import { describe, expect, it } from 'vitest';
import { BudgetSpent, meter } from '../../../lib/followthrough/budget';
import { checkErrorOf } from '../../../lib/followthrough/check-error';
import { HelpdeskError } from '../../../lib/helpdesks/http';

describe('budget and errors', () => {
  it('refuses requests past the budget', async () => {
    const m = meter(async () => ({ status: 200, headers: {}, body: '{}' }), 2);
    await m.client({ method: 'GET', path: '/api/v2/x' });
    await m.client({ method: 'GET', path: '/api/v2/x' });
    await expect(m.client({ method: 'GET', path: '/api/v2/x' })).rejects.toBeInstanceOf(BudgetSpent);
    expect([m.used(), m.left()]).toEqual([2, 0]);
  });

  it('turns a failure into a reason a rep understands', () => {
    expect(
      checkErrorOf(new HelpdeskError('forbidden', 'GET x', 'no', 403), 'zendesk', 'a.zendesk.com'),
    ).toEqual({
      reason: 'forbidden',
      helpdesk: 'zendesk',
      account: 'a.zendesk.com',
      status: 403,
    });
    expect(
      checkErrorOf(new HelpdeskError('network', 'GET x', 'down'), 'freshdesk', 'a.freshdesk.com').reason,
    ).toBe('offline');
    expect(checkErrorOf(new Error('boom'), 'zendesk', 'a.zendesk.com').reason).toBe('unexpected');
  });
});
