import type { browser } from 'wxt/browser';
import type { FollowChange, FollowItem } from '../domain/followthrough';
import { refKey } from '../domain/ticket-ref';
import type { MessageKey } from '../i18n/catalogue';
import { t, tp } from '../i18n/t';

/** A 32 px accent square: notifications need an icon and the extension ships none yet. */
const ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAKklEQVR42mMwjrhCU8QwasGoBaMWjFowasGoBaMWjFowasGoBaMWDBULADrRfEyyIlA2AAAAAElFTkSuQmCC';

const NOTIFICATION_PREFIX = 'frontline:pin:';

const CHANGE: Record<FollowChange, MessageKey> = {
  'customer-replied': 'followthrough_change_customer_replied',
  'reported-back': 'followthrough_change_reported_back',
  'status-changed': 'followthrough_change_status_changed',
  overdue: 'followthrough_change_overdue',
};

const changeWords = (item: FollowItem): string => item.changes.map((change) => t(CHANGE[change])).join(', ');

/**
 * One notification per pin that newly needs attention, at most `limit`; beyond that a
 * single summary, so a busy morning does not bury the desktop.
 */
export async function notifyFlagged(
  notifications: Pick<typeof browser.notifications, 'create'>,
  items: readonly FollowItem[],
  limit = 3,
): Promise<void> {
  if (items.length > limit) {
    await notifications.create(`${NOTIFICATION_PREFIX}summary`, {
      type: 'basic',
      iconUrl: ICON,
      title: t('followthrough_title'),
      message: tp('followthrough_notify_many', items.length),
    });
    return;
  }
  for (const item of items) {
    await notifications.create(`${NOTIFICATION_PREFIX}${refKey(item.ticket)}`, {
      type: 'basic',
      iconUrl: ICON,
      title: item.subject ?? t('ticket_number', { id: item.ticket.id }),
      message: changeWords(item),
    });
  }
}
