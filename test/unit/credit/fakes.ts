import type { CreditServiceDeps } from '../../../lib/credit/deps';
import { readPolicy } from '../../../lib/credit/policy';
import { type FrontlineDb, openDb } from '../../../lib/db/schema';
import { type IndexedGrant, withGrants } from '../../../lib/domain/grant-index';
import type { Agent, Case, Entry } from '../../../lib/domain/model';
import type { AuthorityPolicyInput } from '../../../lib/domain/policy';
import { refKey, type TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter, TicketQuery } from '../../../lib/helpdesks/adapter';
import type { Client } from '../../../lib/helpdesks/http';
import { indexTags } from '../../../lib/helpdesks/index-tags';
import { platformOf } from '../../../lib/helpdesks/registry';
import { POLICY } from './examples';

export const ACCOUNT = 'acme.zendesk.com';
export const TICKET: TicketRef = { helpdesk: 'zendesk', account: ACCOUNT, id: '42' };
export const OTHER_TICKET: TicketRef = { helpdesk: 'zendesk', account: ACCOUNT, id: '43' };
export const CUSTOMER = '555';
/** Junior by default tier: 10.00 per grant, 20.00 per customer, 100.00 per week. */
export const ADA: Agent = {
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id: '100',
  name: 'Ada Agent',
  email: 'ada@acme.test',
};
/** 2023-11-14 (a Tuesday), well inside a week in New York. */
export const START = Date.parse('2023-11-14T15:00:00Z');

export const TEST_POLICY: AuthorityPolicyInput = { ...POLICY, billingWebhook: undefined };

let dbCount = 0;
export const freshDb = (): FrontlineDb => openDb(`credit-test-${dbCount++}-${Math.random()}`);

type Step = 'entries' | 'addPrivateNote' | 'addTag' | 'indexGrants' | 'searchTickets';

const caseOf = (ref: TicketRef, updatedAt: string): Case => ({
  ref,
  subject: `Ticket ${ref.id}`,
  status: 'open',
  rawStatus: 'open',
  priority: null,
  channel: null,
  createdAt: updatedAt,
  updatedAt,
  requesterId: CUSTOMER,
  assigneeId: null,
  groupId: null,
  tags: [],
  archived: false,
});

/** A helpdesk in memory: notes and tags per ticket, and failures queued per step. */
export function fakeHelpdesk(now: () => number) {
  const notes = new Map<string, Entry[]>();
  const tags = new Map<string, Set<string>>();
  /** The ledger field's text per ticket, as indexGrants leaves it. */
  const ledgers = new Map<string, string>();
  /** A ticket's updatedAt: a note or a tag moves it, as in the helpdesks. */
  const updated = new Map<string, string>();
  const touch = (ref: TicketRef) => updated.set(refKey(ref), new Date(now()).toISOString());
  const failures: Partial<Record<Step, unknown[]>> = {};
  const calls: string[] = [];
  let nextId = 1000;
  const failNext = (step: Step, ...errors: unknown[]) => {
    failures[step] = [...(failures[step] ?? []), ...errors];
  };
  const maybeFail = (step: Step) => {
    calls.push(step);
    const error = failures[step]?.shift();
    if (error !== undefined) throw error;
  };
  const adapter = {
    ...platformOf('zendesk'),
    match: () => null,
    allows: () => true,
    // The signed-in agent of whichever account is asked: one fake serves both helpdesks' tickets.
    me: async (_c: Client, account: string) =>
      account === ACCOUNT ? ADA : { ...ADA, helpdesk: 'freshdesk' as const, account },
    ticket: async () => {
      throw new Error('not used');
    },
    requesterHistory: async function* () {},
    entries: async (_c: Client, ref: TicketRef) => {
      maybeFail('entries');
      return [...(notes.get(refKey(ref)) ?? [])];
    },
    // The ledger reads threads; the step keeps its name so tests queue failures for either.
    thread: async (_c: Client, ref: TicketRef) => {
      maybeFail('entries');
      return [...(notes.get(refKey(ref)) ?? [])];
    },
    assignmentTrail: async () => [],
    groups: async () => [],
    agents: async () => [],
    myGroupIds: async () => [],
    searchTickets: async (_c: Client, account: string, query: TicketQuery) => {
      maybeFail('searchTickets');
      const cases = [...tags.entries()]
        .filter(([key, set]) => query.tag !== undefined && set.has(query.tag) && key.includes(`:${account}:`))
        .map(([key, set]) => {
          const ref = { helpdesk: 'zendesk' as const, account, id: key.split(':')[2] ?? '' };
          return { ...caseOf(ref, updated.get(key) ?? new Date(now()).toISOString()), tags: [...set] };
        });
      return { cases, total: cases.length, complete: true };
    },
    countTickets: async () => 0,
    customers: { perRequest: 1, read: async () => [] },
    addPrivateNote: async (_c: Client, ref: TicketRef, text: string) => {
      maybeFail('addPrivateNote');
      const entry: Entry = {
        ticket: ref,
        id: String(nextId++),
        authorId: ADA.id,
        public: false,
        fromCustomer: false,
        text,
        createdAt: new Date(now()).toISOString(),
        authorIsAgent: true,
        authorConfirmed: true,
      };
      notes.set(refKey(ref), [...(notes.get(refKey(ref)) ?? []), entry]);
      touch(ref);
      return entry;
    },
    addTag: async (_c: Client, ref: TicketRef, tag: string) => {
      maybeFail('addTag');
      const set = tags.get(refKey(ref)) ?? new Set();
      set.add(tag);
      tags.set(refKey(ref), set);
      touch(ref);
    },
    removeTag: async (_c: Client, ref: TicketRef, tag: string) => {
      tags.get(refKey(ref))?.delete(tag);
      touch(ref);
    },
    indexGrants: async (_c: Client, ref: TicketRef, grants: readonly IndexedGrant[]) => {
      maybeFail('indexGrants');
      const set = tags.get(refKey(ref)) ?? new Set();
      for (const tag of indexTags(grants)) set.add(tag);
      tags.set(refKey(ref), set);
      ledgers.set(refKey(ref), withGrants(ledgers.get(refKey(ref)) ?? null, grants));
      touch(ref);
    },
    cases: {
      perRequest: 100,
      read: async (_c: Client, _account: string, ids: readonly string[]) => {
        calls.push('cases');
        return [...tags.keys()]
          .filter((key) => ids.includes(key.split(':')[2] ?? ''))
          .map((key) => {
            const [helpdesk, account = '', id = ''] = key.split(':');
            const c = caseOf({ helpdesk: helpdesk as 'zendesk', account, id }, updated.get(key) ?? '');
            return { ...c, tags: [...(tags.get(key) ?? [])] };
          });
      },
    },
    assign: async () => undefined,
  } satisfies HelpdeskAdapter;
  const notesOn = (ref: TicketRef): Entry[] => notes.get(refKey(ref)) ?? [];
  const tagsOn = (ref: TicketRef): string[] => [...(tags.get(refKey(ref)) ?? [])];
  const ledgerOn = (ref: TicketRef): string | null => ledgers.get(refKey(ref)) ?? null;
  return { adapter, failNext, calls, notesOn, tagsOn, ledgerOn, notes, tags, ledgers };
}

/** A Web Lock stand-in: work under one name runs one at a time, in order. */
export function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(work, work);
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
}

export interface WebhookCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A billing endpoint: answers `statuses` in turn (then 200), or throws for `'network'`. */
export function fakeBilling(statuses: (number | 'network')[] = []) {
  const calls: WebhookCall[] = [];
  const billingFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: String(init?.body),
    });
    const status = statuses.shift() ?? 200;
    if (status === 'network') throw new TypeError('fetch failed');
    return new Response('{}', { status });
  }) as typeof fetch;
  return { fetch: billingFetch, calls, statuses };
}

export interface Harness {
  deps: CreditServiceDeps;
  clock: { now: number };
  helpdesk: ReturnType<typeof fakeHelpdesk>;
  billing: ReturnType<typeof fakeBilling>;
  changed: string[];
  setPolicy(policy: unknown): void;
}

export function harness(
  options: {
    db?: FrontlineDb;
    policy?: unknown;
    managed?: unknown;
    helpdesk?: ReturnType<typeof fakeHelpdesk>;
    clock?: { now: number };
  } = {},
): Harness {
  const clock = options.clock ?? { now: START };
  const helpdesk = options.helpdesk ?? fakeHelpdesk(() => clock.now);
  const billing = fakeBilling();
  const changed: string[] = [];
  let local: unknown = 'policy' in options ? options.policy : TEST_POLICY;
  const deps: CreditServiceDeps = {
    db: options.db ?? freshDb(),
    adapterFor: () => helpdesk.adapter,
    client: () => async () => {
      throw new Error('the fake adapter never uses its client');
    },
    now: () => clock.now,
    loadPolicy: async () => readPolicy(options.managed, local),
    needsCredentials: async () => false,
    withLock: fakeLocks(),
    fetch: billing.fetch,
    changed: (ticket) => changed.push(refKey(ticket)),
  };
  return {
    deps,
    clock,
    helpdesk,
    billing,
    changed,
    setPolicy: (policy) => {
      local = policy;
    },
  };
}

export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
