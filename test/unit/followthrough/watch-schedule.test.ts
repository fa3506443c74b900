import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import {
  readWatchSettings,
  scheduleWatchCycle,
  WATCH_ALARM,
} from '../../../lib/followthrough/watch-schedule';

describe('watch schedule', () => {
  it('schedules the alarm once per period', async () => {
    await scheduleWatchCycle(browser.alarms, 5);
    const first = await browser.alarms.get(WATCH_ALARM);
    expect(first?.periodInMinutes).toBe(5);
    await scheduleWatchCycle(browser.alarms, 5);
    expect((await browser.alarms.get(WATCH_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
    await scheduleWatchCycle(browser.alarms, 15);
    expect((await browser.alarms.get(WATCH_ALARM))?.periodInMinutes).toBe(15);
  });

  it('reads the interval and notifications setting with defaults', async () => {
    expect(await readWatchSettings(browser.storage.local)).toEqual({
      watchIntervalMinutes: 5,
      notifications: false,
    });
    await browser.storage.local.set({ settings: { watchIntervalMinutes: 10, notifications: true } });
    expect(await readWatchSettings(browser.storage.local)).toEqual({
      watchIntervalMinutes: 10,
      notifications: true,
    });
    await browser.storage.local.set({ settings: { watchIntervalMinutes: 0, notifications: 'yes' } });
    expect(await readWatchSettings(browser.storage.local)).toEqual({
      watchIntervalMinutes: 5,
      notifications: false,
    });
  });
});
