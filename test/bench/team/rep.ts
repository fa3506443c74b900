import { createCaseworkRuntime } from '../../../lib/casework/actions/runtime';
import { healIndexFromNotes } from '../../../lib/credit/heal-index';
import { createLedgerCadence } from '../../../lib/credit/ledger-cadence';
import { refreshLedger } from '../../../lib/credit/ledger-sync';
import { readPolicy } from '../../../lib/credit/policy';
import { type CreditServiceDeps, createCreditService } from '../../../lib/credit/service';
import { dexieContextStore } from '../../../lib/db/dexie-context-store';
import { dexieEtagCache } from '../../../lib/db/dexie-etag-cache';
import { openDb } from '../../../lib/db/schema';
import type { Agent } from '../../../lib/domain/model';
import type { AuthorityPolicyInput } from '../../../lib/domain/policy';
import { type HelpdeskKind, refKey, type TicketRef } from '../../../lib/domain/ticket-ref';
import type { FollowThroughDeps, SyncArea } from '../../../lib/followthrough/deps';
import { pin, pinView } from '../../../lib/followthrough/pins';
import { runCycle } from '../../../lib/followthrough/watch-cycle';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import type { Client, HttpRequest } from '../../../lib/helpdesks/http';
import { createContextSync } from '../../../lib/sync/context-sync';
import { withEtags } from '../../../lib/sync/etag-client';
import type { Priority } from '../../../lib/transport/job-queue';
import { createScheduler } from '../../../lib/transport/scheduler';
import { createTokenTransport, type TokenCredential } from '../../../lib/transport/token';
import { writesAsView } from '../../../lib/transport/write-priority';
import type { SimUser } from '../../sim/data/model';
import type { Simulator } from '../../sim/server';
import { simFetch } from '../../sim/testing/client';
import { inProfile } from './profile-scope';
import type { Kind, Traffic } from './traffic';
import type { VirtualTime } from './virtual-time';

export interface BrowserOptions {
  sim: Simulator;
  helpdesk: HelpdeskKind;
  host: string;
  /** The rep (or manager) signed in to this browser profile. */
  agent: SimUser;
  time: VirtualTime;
  traffic: Traffic;
  policy: AuthorityPolicyInput;
  /** How far this browser's clock is off the helpdesk's. */
  offsetMs: number;
  random: () => number;
  /** Share of the plan's limit the scheduler takes (its budgetShare). */
  share: number;
}

/** The scheduler's `signal` aborts a request; the simulator's client has no such thing, so it is dropped. */
function simBackedFetch(o: BrowserOptions, who: string): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const response = await o.time.onWire(() =>
      simFetch(o.sim, url.hostname, url.pathname + url.search, {
        method: init?.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        ...(init?.body === undefined || init.body === null ? {} : { body: String(init.body) }),
      }),
    );
    o.traffic.sent(who, response.status);
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
  }) as typeof fetch;
}

/**
 * The casework runtime's own reads and writes are the rep's claims and escalations (its outbox
 * drains them in the background); only its owner-name lookups are `names`.
 */
const isNameLookup = (request: HttpRequest): boolean =>
  request.method === 'GET' &&
  /\/(users\/show_many|users\/\d+|agents\/\d+)\.json|\/agents\/\d+$/.test(request.path);

/** A per-browser lock: Web Locks are per profile, so one rep's drains never wait for another's. */
function profileLocks() {
  const held = new Map<string, Promise<unknown>>();
  return <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const before = held.get(name) ?? Promise.resolve();
    const run = before.then(work, work);
    held.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
}

/** storage.sync of one profile, in memory. */
function memorySync(): SyncArea {
  const items = new Map<string, unknown>();
  const keysOf = (keys: string | string[]) => (Array.isArray(keys) ? keys : [keys]);
  return {
    get: async (keys) =>
      Object.fromEntries(keysOf(keys).flatMap((k) => (items.has(k) ? [[k, items.get(k)]] : []))),
    set: async (values) => {
      for (const [k, v] of Object.entries(values)) items.set(k, v);
    },
    remove: async (keys) => {
      for (const k of keysOf(keys)) items.delete(k);
    },
  };
}

/**
 * One browser profile as the background wires it (entrypoints/background.ts): its own
 * IndexedDB, scheduler and token transport, and the real credit service, ledger refresh,
 * context sync (the sidebar's reads of the ticket in view), casework runtime (its owner
 * name lookups), pins and the watch cycle. Every module gets a client counted under the
 * kind of work it does.
 */
export function createBrowser(o: BrowserOptions, who: string) {
  const account = o.sim.data.account(o.host);
  const credential: TokenCredential =
    o.helpdesk === 'zendesk'
      ? { helpdesk: 'zendesk', email: o.agent.email, token: account.apiToken }
      : { helpdesk: 'freshdesk', apiKey: o.agent.apiKey ?? '' };
  const now = () => o.time.now() + o.offsetMs;
  const scheduler = createScheduler({
    transport: createTokenTransport({
      fetch: simBackedFetch(o, who),
      credential: async () => credential,
      refused: async () => undefined,
    }),
    now: o.time.now,
    sleep: o.time.sleep,
    random: o.random,
    budgetShare: o.share,
  });
  const profile = `team-${who}-${Math.random()}`;
  const db = openDb(profile);
  const as = <T>(work: () => T): T => inProfile(profile, work);
  const store = dexieContextStore(db, now);
  const etags = dexieEtagCache(db);
  const client = (kind: Kind, priority: Priority, ticket?: TicketRef): Client =>
    o.traffic.wrap(
      who,
      kind,
      scheduler.client(o.host, ticket ? { priority, ticketKey: refKey(ticket) } : { priority }),
    );
  const withLock = profileLocks();
  const me: Agent = {
    helpdesk: o.helpdesk,
    account: o.host,
    id: o.agent.id,
    name: o.agent.name,
    email: o.agent.email,
  };
  const creditDeps = (kind: Kind): CreditServiceDeps => ({
    db,
    adapterFor,
    client: (_a, priority) => writesAsView((asked) => client(kind, asked), priority),
    now,
    loadPolicy: async () => readPolicy(undefined, o.policy),
    needsCredentials: async () => false,
    withLock,
    fetch: simBackedFetch(o, who),
    changed: (ticket) => void sync.republish(ticket),
  });
  const credit = createCreditService(creditDeps('writes'));
  const ledgerDeps = creditDeps('ledger');
  const casework = createCaseworkRuntime({
    db,
    adapterFor,
    client: (_a, priority) => {
      const names = client('names', priority);
      const writes = client('writes', priority);
      return (request, options) => (isNameLookup(request) ? names : writes)(request, options);
    },
    changed: (ticket) => void sync.republish(ticket),
    dueHours: () => 24,
  });
  const follow: FollowThroughDeps = {
    db,
    adapterFor,
    client: (_a, priority) => client('watcher', priority),
    now,
    storageSync: memorySync(),
  };

  const running = new Set<Promise<unknown>>();
  const errors: string[] = [];
  const track = (work: Promise<unknown>) => {
    const p = work.catch((error: unknown) => {
      errors.push(error instanceof Error ? error.message : String(error));
    });
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  // The runtime's cadence (lib/credit/runtime.ts): due by the rep's ledger cursor in IndexedDB.
  let ledgerRuns = 0;
  const cadence = createLedgerCadence({
    db,
    now,
    refresh: async (account, helpdesk) => {
      ledgerRuns++;
      try {
        return await refreshLedger(ledgerDeps, account, helpdesk);
      } catch (error) {
        // The cadence swallows a failed refresh (the next view retries); the bench still counts it.
        errors.push(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
  });
  const ledger = (ref: TicketRef) =>
    track(
      cadence(ref.account, ref.helpdesk).then((ran) => {
        if (ran) void sync.republish(ref);
      }),
    );

  const sync = createContextSync({
    adapterFor: (ref) => adapterFor(ref.helpdesk),
    client: (ref, priority) => withEtags(client('sidebar', priority, ref), o.host, etags),
    store,
    now,
    emit: () => undefined,
    escalationDueHours: () => 24,
    ledger: (ref) => ledger(ref),
    restoreTag: (ticket, entries) =>
      track(
        healIndexFromNotes(
          { adapter: adapterFor(o.helpdesk), client: client('ledger', 'background', ticket.ref) },
          ticket,
          entries,
        ),
      ),
    notesRead: (ticket, entries) => track(credit.notesRead(ticket, entries)),
    credit: (ref, context) => credit.view(ref, context.me, context.case?.requesterId ?? null),
    casework: (ref, context, state) => casework.view(ref, context.me, state),
    pin: (ref) => pinView(follow, ref),
  });

  /** The outbox worked until empty, sleeping to each row's due time as the drain timer does. */
  const drainCredit = async () => {
    for (let next = await credit.drain(); next !== null; next = await credit.drain())
      await o.time.sleep(Math.max(0, next - now()));
  };

  return {
    who,
    me,
    db,
    scheduler,
    errors,
    ledgerRuns: () => ledgerRuns,
    /** The rep opens a ticket: the sidebar's view, which may start a ledger refresh. */
    view: (ref: TicketRef) => as(() => sync.view(ref)),
    grant: (ref: TicketRef, customerId: string, amount: number, grantId: string) =>
      as(async () => {
        const result = await credit.grant(
          { grantId, ticket: ref, amount, reason: 'Goodwill' },
          me,
          customerId,
        );
        if (result.ok) await drainCredit();
        return result;
      }),
    casework: (ref: TicketRef, command: unknown) =>
      as(async () => {
        const result = await casework.run(command, ref, me);
        // The runtime's outbox timer retries what this first drain leaves.
        if (result.ok) await casework.drain();
        return result;
      }),
    pin: (ref: TicketRef) => as(() => pin(follow, { ticket: ref, dueAt: null })),
    watch: () => as(() => runCycle(follow)),
    refreshLedger: () => as(() => refreshLedger(ledgerDeps, o.host, o.helpdesk)),
    /** What the meter shows: this rep's remaining authority this period. */
    remaining: (ref: TicketRef, customerId: string): Promise<number | null> =>
      as(async () => (await credit.view(ref, me, customerId)).authority?.remainingThisPeriod ?? null),
    track,
    idle: () => Promise.all([...running]),
    creditDeps: () => creditDeps('review'),
    withLock,
    credit,
    client,
  };
}

export type Browser = ReturnType<typeof createBrowser>;
