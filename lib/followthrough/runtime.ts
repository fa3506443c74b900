import { browser } from 'wxt/browser';
import type { FollowCommand } from '../domain/followthrough';
import type { TicketRef } from '../domain/ticket-ref';
import type { FollowThrough } from './follow-through';
import { notifyFlagged, readWatchSettings, scheduleWatcher, setBadge } from './watcher';

/** The part of a runtime port a follow-through list (popup or sidebar tab) needs. */
export interface ListPort {
  postMessage(message: unknown): void;
}

/**
 * The follow-through engine with the worker's parts: the watcher alarm, the
 * toolbar badge, desktop notifications, the storage.sync mirror, and the open
 * lists (popup, sidebar tab) that get the view pushed to them.
 */
export function createFollowRuntime(engine: FollowThrough) {
  const lists = new Set<ListPort>();

  const push = async (message?: unknown) => {
    const payload = message ?? { type: 'followthrough', view: await engine.view() };
    for (const port of lists) {
      try {
        port.postMessage(payload);
      } catch {
        lists.delete(port);
      }
    }
  };

  const refreshBadge = async () => setBadge(browser.action, (await engine.view()).badgeCount);

  /** One watcher cycle: check the pins, then badge, notifications and open lists. */
  const cycle = async () => {
    await push({ type: 'checking', checking: true });
    try {
      const result = await engine.check();
      await setBadge(browser.action, result.badgeCount);
      const settings = await readWatchSettings(browser.storage.local);
      if (settings.notifications && result.newlyFlagged.length > 0) {
        await notifyFlagged(browser.notifications, result.newlyFlagged).catch(() => undefined);
      }
    } finally {
      await push({ type: 'checking', checking: false });
      await push();
    }
  };

  const run = async (command: FollowCommand) => {
    switch (command.type) {
      case 'pin':
        await engine.pin({ ticket: command.ticket, dueAt: command.dueAt, note: command.note });
        break;
      case 'unpin':
        await engine.unpin(command.ticket);
        break;
      case 'seen':
        await engine.seen(command.ticket);
        break;
      case 'check-now':
        return cycle();
    }
    await refreshBadge();
    await push();
  };

  return {
    cycle,
    run,
    pinView: (ticket: TicketRef) => engine.pinView(ticket),
    /** A rep looking at a pinned case has seen what changed. */
    async viewed(ticket: TicketRef) {
      const pin = await engine.pinView(ticket);
      if (pin?.pinned) await run({ type: 'seen', ticket });
    },
    /** A list opened (its sender was checked by the router): every change is pushed to it until it closes. */
    opened: (port: ListPort) => void lists.add(port),
    closed: (port: ListPort) => void lists.delete(port),
    /** A list asks for the view (when it opens, or reconnects to a restarted worker). */
    hello: () => push(),
    async start() {
      await engine.mergeSync();
      await scheduleWatcher(
        browser.alarms,
        (await readWatchSettings(browser.storage.local)).watchIntervalMinutes,
      );
      await refreshBadge();
    },
    async settingsChanged() {
      await scheduleWatcher(
        browser.alarms,
        (await readWatchSettings(browser.storage.local)).watchIntervalMinutes,
      );
    },
    syncChanged: async () => {
      await engine.mergeSync();
      await refreshBadge();
      await push();
    },
  };
}

export type FollowRuntime = ReturnType<typeof createFollowRuntime>;
