import type { CaseworkServiceDeps } from '../../../lib/casework/actions/deps';
import { putCaseContext, putEntries, putTrail } from '../../../lib/db/queries';
import { type FrontlineDb, openDb } from '../../../lib/db/schema';
import type { Agent, AssignmentChange, Case, Entry, Group } from '../../../lib/domain/model';
import { refKey, type TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import type { Client } from '../../../lib/helpdesks/http';
import { platformOf } from '../../../lib/helpdesks/registry';

let dbCount = 0;
export const freshDb = (): FrontlineDb => openDb(`casework-test-${dbCount++}-${Math.random()}`);

type Step = 'entries' | 'addPrivateNote' | 'addTag' | 'assign';

/** A helpdesk in memory: entries, tags and assignee per ticket; failures queued per step. */
export function fakeHelpdesk(now: () => number, author: () => string) {
  const entries = new Map<string, Entry[]>();
  const tags = new Map<string, Set<string>>();
  const assigned = new Map<string, { assigneeId?: string | null; groupId?: string | null }[]>();
  const failures: Partial<Record<Step, unknown[]>> = {};
  const calls: Step[] = [];
  let nextId = 5000;
  const maybeFail = (step: Step) => {
    calls.push(step);
    const error = failures[step]?.shift();
    if (error !== undefined) throw error;
  };
  const unused = async (): Promise<never> => {
    throw new Error('not used');
  };
  const adapter: HelpdeskAdapter = {
    ...platformOf('zendesk'),
    match: () => null,
    allows: () => true,
    me: unused,
    ticket: unused,
    requesterHistory: async function* () {},
    entries: async (_c: Client, ref: TicketRef) => {
      maybeFail('entries');
      return [...(entries.get(refKey(ref)) ?? [])];
    },
    thread: async (_c: Client, ref: TicketRef) => {
      maybeFail('entries');
      return [...(entries.get(refKey(ref)) ?? [])];
    },
    assignmentTrail: async () => [],
    groups: async () => [],
    agents: async () => [],
    searchTickets: async () => ({ cases: [], total: 0, complete: true }),
    countTickets: async () => 0,
    customers: { perRequest: 1, read: async () => [] },
    myGroupIds: async () => [],
    addPrivateNote: async (_c: Client, ref: TicketRef, text: string) => {
      const entry: Entry = {
        ticket: ref,
        id: String(nextId++),
        authorId: author(),
        public: false,
        fromCustomer: false,
        text,
        createdAt: new Date(now()).toISOString(),
        authorIsAgent: true,
        authorConfirmed: true,
      };
      // The write lands before a failure is reported: the lost-answer case.
      const lost = failures.addPrivateNote?.[0] === 'lost-answer';
      if (lost) {
        failures.addPrivateNote?.shift();
        entries.set(refKey(ref), [...(entries.get(refKey(ref)) ?? []), entry]);
        calls.push('addPrivateNote');
        throw new Error('the answer was lost');
      }
      maybeFail('addPrivateNote');
      entries.set(refKey(ref), [...(entries.get(refKey(ref)) ?? []), entry]);
      return entry;
    },
    addTag: async (_c: Client, ref: TicketRef, tag: string) => {
      maybeFail('addTag');
      tags.set(refKey(ref), new Set([...(tags.get(refKey(ref)) ?? []), tag]));
    },
    removeTag: async (_c: Client, ref: TicketRef, tag: string) => {
      tags.get(refKey(ref))?.delete(tag);
    },
    indexGrants: async () => {
      throw new Error('casework writes no grants');
    },
    assign: async (_c: Client, ref: TicketRef, to) => {
      maybeFail('assign');
      assigned.set(refKey(ref), [...(assigned.get(refKey(ref)) ?? []), to]);
    },
  };
  return {
    adapter,
    calls,
    notesOn: (ref: TicketRef) => entries.get(refKey(ref)) ?? [],
    tagsOn: (ref: TicketRef) => [...(tags.get(refKey(ref)) ?? [])],
    assignmentsOn: (ref: TicketRef) => assigned.get(refKey(ref)) ?? [],
    seed: (ref: TicketRef, list: Entry[]) => entries.set(refKey(ref), [...list]),
    failNext: (step: Step, ...errors: unknown[]) => {
      failures[step] = [...(failures[step] ?? []), ...errors];
    },
  };
}

export type FakeHelpdesk = ReturnType<typeof fakeHelpdesk>;

/** A settable clock. */
export function fakeClock(start: number) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms), set: (ms: number) => (at = ms) };
}

export interface Seed {
  case: Case;
  entries: Entry[];
  trail?: AssignmentChange[];
  agents: Agent[];
  groups: Group[];
}

/** What the sync would have cached after the rep opened the ticket. */
export async function seedCache(db: FrontlineDb, seed: Seed, now: number): Promise<void> {
  await putCaseContext(
    db,
    {
      case: seed.case,
      requester: {
        helpdesk: seed.case.ref.helpdesk,
        account: seed.case.ref.account,
        id: seed.case.requesterId,
        name: 'Maya Müller',
        email: 'maya@customer.test',
        organization: null,
      },
      agents: seed.agents,
      groups: seed.groups,
    },
    now,
  );
  await putEntries(db, seed.case.ref, seed.entries, now);
  if (seed.trail) await putTrail(db, seed.case.ref, seed.trail, now);
}

export function depsFor(
  db: FrontlineDb,
  helpdesk: FakeHelpdesk,
  clock: { now: () => number },
  changed: TicketRef[] = [],
): CaseworkServiceDeps {
  return {
    db,
    adapterFor: () => helpdesk.adapter,
    client: () => async () => {
      throw new Error('the fake adapter never calls its client');
    },
    now: clock.now,
    changed: (ticket) => changed.push(ticket),
  };
}
