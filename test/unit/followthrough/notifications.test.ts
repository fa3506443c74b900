import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { notifyFlagged } from '../../../lib/followthrough/notifications';
import { ref } from './fixtures';

describe('notifications', () => {
  it('notifies each newly flagged pin, or sums up many', async () => {
    const item = {
      ticket: ref,
      subject: 'Refund',
      changes: ['customer-replied' as const, 'overdue' as const],
    } as Parameters<typeof notifyFlagged>[1][number];
    await notifyFlagged(browser.notifications, [item]);
    const shown = await browser.notifications.getAll();
    expect(Object.values(shown)).toEqual([
      expect.objectContaining({ title: 'Refund', message: 'Customer replied, Follow-up due' }),
    ]);
    await notifyFlagged(browser.notifications, [item, item, item, item]);
    expect(Object.values(await browser.notifications.getAll())).toContainEqual(
      expect.objectContaining({ message: '4 pinned cases need you' }),
    );
  });
});
