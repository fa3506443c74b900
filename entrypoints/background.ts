import { browser } from 'wxt/browser';
import { CASEWORK_DRAIN_ALARM, createCaseworkRuntime } from '@/lib/casework/actions/runtime';
import { healIndexFromNotes } from '@/lib/credit/heal-index';
import { createCreditRuntime, DRAIN_ALARM, loadPolicy, policyDueHours } from '@/lib/credit/runtime';
import { dexieContextStore } from '@/lib/db/dexie-context-store';
import { dexieEtagCache } from '@/lib/db/dexie-etag-cache';
import { evict } from '@/lib/db/evict';
import { openDb } from '@/lib/db/schema';
import { refKey, type TicketRef } from '@/lib/domain/ticket-ref';
import { createFollowRuntime } from '@/lib/followthrough/runtime';
import { isWatchAlarm, SETTINGS_KEY } from '@/lib/followthrough/watch-schedule';
import { adapterFor } from '@/lib/helpdesks/adapters';
import { matchTicket } from '@/lib/helpdesks/registry';
import { createHostRuntime } from '@/lib/hosts/runtime';
import { createHostTable } from '@/lib/hosts/table';
import { createHub } from '@/lib/messaging/hub';
import { contentPort } from '@/lib/messaging/ports/content';
import { listPort } from '@/lib/messaging/ports/list';
import { PORT } from '@/lib/messaging/ports/names';
import { reviewPort } from '@/lib/messaging/ports/review';
import { sidebarPort } from '@/lib/messaging/ports/sidebar';
import { routeWhenReady } from '@/lib/messaging/route-when-ready';
import { type PortRoutes, type RuntimePort, routePort } from '@/lib/messaging/router';
import { hasUsableConnection } from '@/lib/oauth/connections';
import { reviewAccounts } from '@/lib/review/accounts';
import { heldAuthorization } from '@/lib/review/gateway-credential';
import { createReviewRuntime, REVIEW_DRAIN_ALARM } from '@/lib/review/runtime';
import { areaKey, credentials, pinMirror, repHelpdeskHosts, selfManagedPolicy } from '@/lib/storage/items';
import { createContextSync } from '@/lib/sync/context-sync';
import { withEtags } from '@/lib/sync/etag-client';
import { createTabController } from '@/lib/sync/tab-controller';
import { sessionPauseStore } from '@/lib/transport/pause-store';
import { routeTransport } from '@/lib/transport/route';
import { createScheduler } from '@/lib/transport/scheduler';
import { createSessionTransport } from '@/lib/transport/session';
import { createTokenTransport, saveCredential, storedCredential } from '@/lib/transport/token';
import { writesAsView } from '@/lib/transport/write-priority';

const EVICT_ALARM = 'frontline-evict';

/**
 * Wiring only. Listeners register synchronously here, at the worker's start,
 * because Chrome stops the worker after ~30 s idle and the next event starts
 * it again with fresh globals; everything that matters is in the database.
 */
export default defineBackground({
  type: 'module',
  main() {
    const hosts = createHostTable();
    const hostRuntime = createHostRuntime(hosts);
    const hub = createHub();
    const session = createSessionTransport(hub);
    const transport = routeTransport({
      session: (account, request, signal) => session.request(account, request, signal),
      token: createTokenTransport(),
      hasSessionTab: (account) => hub.contentFor(account) !== undefined,
      hasCredential: async (account) =>
        (await hasUsableConnection(account)) || (await storedCredential(account)) !== null,
    });
    const scheduler = createScheduler({ transport, pauses: sessionPauseStore() });
    const db = openDb();
    const store = dexieContextStore(db);
    const etags = dexieEtagCache(db);
    const client = (ref: TicketRef, priority: 'view' | 'background') =>
      withEtags(scheduler.client(ref.account, { priority, ticketKey: refKey(ref) }), ref.account, etags);

    const credit = createCreditRuntime({
      db,
      adapterFor,
      client: (account, priority) =>
        writesAsView((asked) => scheduler.client(account.account, { priority: asked }), priority),
      changed: (ticket) => void sync.republish(ticket),
      sessionOpen: (account) => hub.contentFor(account) !== undefined,
    });

    const casework = createCaseworkRuntime({
      db,
      adapterFor,
      // A claim, a hand-off or an escalation is the rep's own write on the ticket in view.
      client: (account, priority) =>
        writesAsView((asked) => scheduler.client(account.account, { priority: asked }), priority),
      changed: (ticket) => void sync.republish(ticket),
      dueHours: policyDueHours,
    });

    const follow = createFollowRuntime({
      db,
      adapterFor,
      client: (account, priority) => scheduler.client(account, { priority }),
      now: Date.now,
      storageSync: browser.storage.sync,
    });

    const sync = createContextSync({
      adapterFor: (ref) => adapterFor(ref.helpdesk),
      client,
      store,
      now: Date.now,
      emit: (ref, snapshot) => {
        for (const tab of hub.tabsShowing(refKey, refKey(ref)))
          hub.toSidebar(tab.tabId, { type: 'snapshot', snapshot });
      },
      escalationDueHours: policyDueHours,
      // Asked by the refresh, not by a publish: a rebuilt ledger republishes, which must not ask again.
      ledger: (ref) => void credit.refreshLedger(ref.account, ref.helpdesk, ref),
      restoreTag: (ticket, entries) =>
        void healIndexFromNotes(
          { adapter: adapterFor(ticket.ref.helpdesk), client: client(ticket.ref, 'background') },
          ticket,
          entries,
        ),
      // A failed write is only a grant not shown yet: the next read of the thread stores it.
      notesRead: (ticket, entries) => void credit.service.notesRead(ticket, entries).catch(() => undefined),
      credit: (ref, context) => credit.service.view(ref, context.me, context.case?.requesterId ?? null),
      casework: (ref, context, state) => casework.view(ref, context.me, state),
      pin: (ref) => follow.pinView(ref),
    });

    const tabs = createTabController({
      hub,
      sync,
      store,
      matchTicket: (url) => matchTicket(url) ?? hosts.matchTicket(url),
      adapterFor: (ref) => adapterFor(ref.helpdesk),
      client,
      cancelTicket: scheduler.cancelTicket,
      contentGone: (tabId) => session.failTab(tabId, 'the helpdesk tab went away'),
      viewed: (ticket) => void follow.viewed(ticket),
    });

    const review = createReviewRuntime({
      db,
      adapterFor,
      client: (account, priority) => scheduler.client(account.account, { priority }),
      loadPolicy,
      gateway: { fetch: (input, init) => globalThis.fetch(input, init), authorization: heldAuthorization() },
      accounts: () => reviewAccounts(hub),
      now: Date.now,
      grant: credit.service.grant,
      undo: credit.service.undo,
      drain: () => void credit.drain(),
      changed: (ticket) => void sync.republish(ticket),
      // The lock is held until work settles; its result is the work's result.
      withLock: <T>(name: string, work: () => Promise<T>) =>
        navigator.locks.request(name, work) as Promise<T>,
      notesWaiting: () => void review.drain(),
    });

    const extension = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
    const routes: PortRoutes = {
      [PORT.content]: contentPort({
        hub,
        extensionId: extension.id,
        customHosts: hosts.accountOf,
        location: tabs.location,
        httpResult: session.settle,
        contentGone: tabs.contentGone,
      }),
      [PORT.sidebar]: sidebarPort({
        hub,
        extension,
        customHosts: hosts.accountOf,
        tabs,
        context: async (ticket) => {
          const context = await store.read(ticket);
          return { me: context.me, customerId: context.case?.requesterId ?? null };
        },
        credit: { ...credit.service, drain: credit.drain },
        casework,
        follow: follow.run,
        saveCredential,
        republish: sync.republish,
      }),
      [PORT.followThrough]: listPort({ extension, follow }),
      [PORT.review]: reviewPort({ extension, review }),
    };
    browser.runtime.onConnect.addListener((port) =>
      // The webextension Port type and ours differ only in optional fields we do not use.
      routeWhenReady(port as unknown as RuntimePort, hosts, (checked) => routePort(checked, routes)),
    );
    browser.permissions.onAdded.addListener(() => void hostRuntime.reconcile());
    browser.permissions.onRemoved.addListener((removed) => void hostRuntime.revoked(removed.origins ?? []));
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === DRAIN_ALARM) void credit.drain();
      if (alarm.name === CASEWORK_DRAIN_ALARM) void casework.drain();
      if (alarm.name === REVIEW_DRAIN_ALARM) void review.drain();
      if (isWatchAlarm(alarm)) void follow.checkDue();
      if (alarm.name === EVICT_ALARM) void evict(db).catch(() => undefined);
    });
    browser.storage.onChanged.addListener((changes, area) => {
      if (
        area === 'managed' ||
        (area === 'local' && (areaKey(selfManagedPolicy) in changes || areaKey(credentials) in changes))
      ) {
        void sync.republishAll();
      }
      if (area === 'managed' || (area === 'local' && areaKey(repHelpdeskHosts) in changes))
        void hostRuntime.reconcile();
      if (area === 'local' && SETTINGS_KEY in changes) void follow.settingsChanged();
      if (area === 'sync' && Object.keys(changes).some((key) => key.startsWith(areaKey(pinMirror))))
        void follow.syncChanged();
    });
    // Custom hosts' scripts and the table the sender checks read, rebuilt at every start.
    void hostRuntime.reconcile();
    // Writes left in the outboxes by a stopped worker or a closed browser go on now.
    void credit.drain();
    void casework.drain();
    void review.drain();
    void follow.start();
    // The cache stays under its cap (least recently viewed first; never pins or unsent writes).
    void browser.alarms.get(EVICT_ALARM).then((alarm) => {
      if (!alarm) void browser.alarms.create(EVICT_ALARM, { delayInMinutes: 1, periodInMinutes: 60 });
    });
  },
});
