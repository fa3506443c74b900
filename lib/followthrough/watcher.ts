import type { browser } from 'wxt/browser';
import { z } from 'zod';
import type { FollowChange, FollowItem } from '../domain/followthrough';
import { refKey } from '../domain/ticket-ref';
import type { MessageKey } from '../i18n/catalogue';
import { t, tp } from '../i18n/t';
import { areaKey, settings } from '../storage/items';

export const WATCH_ALARM = 'frontline:followthrough';
export const DEFAULT_WATCH_MINUTES = 5;
export const SETTINGS_KEY = areaKey(settings);

/**
 * `storage.local` → `settings`: { watchIntervalMinutes, notifications }, written by the
 * options page. A missing or invalid value falls back to its default, field by field.
 */
export const WatchSettings = z.object({
  watchIntervalMinutes: z.number().int().min(1).max(1440).catch(DEFAULT_WATCH_MINUTES),
  notifications: z.boolean().catch(false),
});
export type WatchSettings = z.infer<typeof WatchSettings>;

export async function readWatchSettings(
  local: Pick<typeof browser.storage.local, 'get'>,
): Promise<WatchSettings> {
  const stored = (await local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const record = typeof stored === 'object' && stored !== null ? stored : {};
  return WatchSettings.parse({ watchIntervalMinutes: undefined, notifications: undefined, ...record });
}

/**
 * Runs the watcher every `minutes`. The worker starts many times a day: the alarm is
 * re-created only when its period changes, since re-creating it restarts the wait and
 * a worker waking more often than the period would otherwise never let it fire.
 */
export async function scheduleWatcher(
  alarms: Pick<typeof browser.alarms, 'get' | 'create'>,
  minutes: number,
): Promise<void> {
  const existing = await alarms.get(WATCH_ALARM);
  if (existing?.periodInMinutes === minutes) return;
  await alarms.create(WATCH_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

export const isWatchAlarm = (alarm: { name: string }): boolean => alarm.name === WATCH_ALARM;

/** Matches the sidebar's danger colour: the badge asks for action. */
const BADGE_COLOR = '#b42318';

export const badgeText = (count: number): string => (count <= 0 ? '' : count > 99 ? '99+' : String(count));

export async function setBadge(
  action: Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor'>,
  count: number,
): Promise<void> {
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setBadgeText({ text: badgeText(count) });
}

/** A 32 px accent square: notifications need an icon and the extension ships none yet. */
const ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAKklEQVR42mMwjrhCU8QwasGoBaMWjFowasGoBaMWjFowasGoBaMWDBULADrRfEyyIlA2AAAAAElFTkSuQmCC';

export const NOTIFICATION_PREFIX = 'frontline:pin:';

/** The ticket key a notification id names, or null when it is not ours. */
export const ticketKeyOfNotification = (id: string): string | null =>
  id.startsWith(NOTIFICATION_PREFIX) ? id.slice(NOTIFICATION_PREFIX.length) : null;

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
