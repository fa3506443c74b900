import type { browser } from 'wxt/browser';
import { z } from 'zod';
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
 * Runs the watch cycle every `minutes`. The worker starts many times a day: the alarm is
 * re-created only when its period changes, since re-creating it restarts the wait and
 * a worker waking more often than the period would otherwise never let it fire.
 */
export async function scheduleWatchCycle(
  alarms: Pick<typeof browser.alarms, 'get' | 'create'>,
  minutes: number,
): Promise<void> {
  const existing = await alarms.get(WATCH_ALARM);
  if (existing?.periodInMinutes === minutes) return;
  await alarms.create(WATCH_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

export const isWatchAlarm = (alarm: { name: string }): boolean => alarm.name === WATCH_ALARM;
