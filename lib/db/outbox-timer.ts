import { browser } from 'wxt/browser';

/**
 * Drains an outbox when its next row falls due: a timer while the worker lives,
 * backed by an alarm that wakes a stopped worker (timers die with it). `drain`
 * returns the epoch ms of the next due row, or null when the outbox is empty.
 */
export function outboxTimer(alarmName: string, drain: () => Promise<number | null>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (): Promise<void> => {
    clearTimeout(timer);
    const next = await drain().catch(() => Date.now() + 30_000);
    if (next === null) {
      await browser.alarms.clear(alarmName);
      return;
    }
    timer = setTimeout(() => void run(), Math.max(0, next - Date.now()));
    await browser.alarms.create(alarmName, { when: Math.max(next, Date.now()) + 1_000 });
  };
  return run;
}
