import { browser } from 'wxt/browser';
import { openDb } from '@/lib/db/schema';
import { refKey } from '@/lib/domain/ticket-ref';
import { adapterFor, matchTicket } from '@/lib/helpdesks/registry';
import { createHub } from '@/lib/messaging/hub';
import { type RuntimePort, routePort } from '@/lib/messaging/router';
import { createContextSync } from '@/lib/sync/context-sync';
import { dexieContextStore } from '@/lib/sync/dexie-context-store';
import { dexieEtagCache } from '@/lib/sync/dexie-etag-cache';
import { withEtags } from '@/lib/sync/etag-client';
import { createTabController } from '@/lib/sync/tab-controller';
import { createScheduler } from '@/lib/transport/scheduler';
import { createSessionTransport } from '@/lib/transport/session';

/**
 * Wiring only. Listeners register synchronously at the top level, because the
 * worker is stopped after ~30 s idle and restarted by the next event.
 */
export default defineBackground({
  type: 'module',
  main() {
    const hub = createHub();
    const session = createSessionTransport(hub);
    const scheduler = createScheduler({
      transport: (account, request, signal) => session.request(account, request, signal),
    });
    const db = openDb();
    const store = dexieContextStore(db);
    const etags = dexieEtagCache(db);
    const client = (ref: Parameters<typeof refKey>[0], priority: 'view' | 'background') =>
      withEtags(scheduler.client(ref.account, { priority, ticketKey: refKey(ref) }), ref.account, etags);

    const sync = createContextSync({
      adapterFor: (ref) => adapterFor(ref.helpdesk),
      client,
      store,
      now: Date.now,
      emit: (ref, snapshot) => {
        for (const tab of hub.tabsShowing(refKey, refKey(ref)))
          hub.toSidebar(tab.tabId, { type: 'snapshot', snapshot });
      },
      escalationDueHours: () => 24,
    });

    const handlers = createTabController({
      hub,
      sync,
      store,
      matchTicket,
      adapterFor: (ref) => adapterFor(ref.helpdesk),
      client,
      cancelTicket: scheduler.cancelTicket,
      httpResult: session.settle,
      contentGone: (tabId) => session.failTab(tabId, 'the helpdesk tab went away'),
    });

    browser.runtime.onConnect.addListener((port) =>
      routePort(port as unknown as RuntimePort, hub, browser.runtime.id, handlers),
    );
  },
});
