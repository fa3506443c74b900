import { browser } from 'wxt/browser';
import type { FollowCommand } from '../domain/followthrough';
import type { TicketRef } from '../domain/ticket-ref';
import { setBadge, toolbarAction } from './badge';
import type { FollowThroughDeps } from './deps';
import { notifyFlagged } from './notifications';
import { mergeSync } from './pin-mirror';
import * as pins from './pins';
import { type CheckResult, runCycle } from './watch-cycle';
import { readWatchSettings, scheduleWatchCycle } from './watch-schedule';

/** The part of a runtime port a follow-through list (popup or sidebar tab) needs. */
export interface ListPort {
  postMessage(message: unknown): void;
}

/**
 * All follow-through keeps in memory. A restarted worker starts it empty and loses
 * nothing: the lists reconnect and say hello, and the next alarm runs a cycle.
 */
interface FollowMemory {
  /** Open lists (popup, sidebar tab) that get the view pushed to them. */
  readonly lists: Set<ListPort>;
  /** The cycle in flight, so an alarm and "Check now" never run two at once. */
  cycle: Promise<CheckResult> | null;
}

/**
 * Follow-through in the worker: pins, the watch cycle on its alarm, the badge,
 * notifications, the storage.sync mirror and the open lists.
 */
export function createFollowRuntime(deps: FollowThroughDeps) {
  const memory: FollowMemory = { lists: new Set(), cycle: null };

  const push = async (message?: unknown) => {
    const payload = message ?? { type: 'followthrough', view: await pins.followView(deps) };
    for (const port of memory.lists) {
      try {
        port.postMessage(payload);
      } catch {
        memory.lists.delete(port);
      }
    }
  };

  const refreshBadge = async () => setBadge(toolbarAction(browser), (await pins.followView(deps)).badgeCount);

  /** After a change to the pins: the badge and every open list show it. */
  const changed = async () => {
    await refreshBadge();
    await push();
  };

  /** One watch cycle; a call while one runs joins it. */
  const check = (everything: boolean): Promise<CheckResult> => {
    memory.cycle ??= runCycle(deps, everything).finally(() => {
      memory.cycle = null;
    });
    return memory.cycle;
  };

  /**
   * One watch cycle with its effects: badge, notifications and open lists. The rep's *Check now*
   * reads every pin; the alarm's cycle (`everything` false) the pins due a read.
   */
  const checkNow = async (everything = true): Promise<void> => {
    await push({ type: 'checking', checking: true });
    try {
      const result = await check(everything);
      await setBadge(toolbarAction(browser), result.badgeCount);
      const settings = await readWatchSettings(browser.storage.local);
      if (settings.notifications && result.newlyFlagged.length > 0) {
        await notifyFlagged(browser.notifications, result.newlyFlagged).catch(() => undefined);
      }
    } finally {
      await push({ type: 'checking', checking: false });
      await push();
    }
  };

  // One function per kind of list message; the port dispatch below only picks one.
  const list = () => push();
  const pin = async (command: Extract<FollowCommand, { type: 'pin' }>) => {
    await pins.pin(deps, { ticket: command.ticket, dueAt: command.dueAt, note: command.note });
    await changed();
  };
  const unpin = async (command: { ticket: TicketRef }) => {
    await pins.unpin(deps, command.ticket);
    await changed();
  };
  const seen = async (command: { ticket: TicketRef }) => {
    await pins.seen(deps, command.ticket);
    await changed();
  };

  const run = (command: FollowCommand): Promise<void> => {
    switch (command.type) {
      case 'pin':
        return pin(command);
      case 'unpin':
        return unpin(command);
      case 'seen':
        return seen(command);
      case 'check-now':
        return checkNow();
    }
  };

  return {
    list,
    pin,
    unpin,
    seen,
    checkNow,
    /** The alarm's cycle: the pins due a read. */
    checkDue: () => checkNow(false),
    run,
    pinView: (ticket: TicketRef) => pins.pinView(deps, ticket),
    /** A rep looking at a pinned case has seen what changed. */
    async viewed(ticket: TicketRef) {
      if ((await pins.pinView(deps, ticket)).pinned) await seen({ ticket });
    },
    /** A list opened (its sender was checked by the router): every change is pushed to it until it closes. */
    opened: (port: ListPort) => void memory.lists.add(port),
    closed: (port: ListPort) => void memory.lists.delete(port),
    /** A list asks for the view (when it opens, or reconnects to a restarted worker). */
    hello: list,
    async start() {
      await mergeSync(deps);
      await scheduleWatchCycle(
        browser.alarms,
        (await readWatchSettings(browser.storage.local)).watchIntervalMinutes,
      );
      await refreshBadge();
    },
    async settingsChanged() {
      await scheduleWatchCycle(
        browser.alarms,
        (await readWatchSettings(browser.storage.local)).watchIntervalMinutes,
      );
    },
    async syncChanged() {
      await mergeSync(deps);
      await changed();
    },
  };
}

export type FollowRuntime = ReturnType<typeof createFollowRuntime>;
