import type { Agent, Case, Entry } from '@/lib/domain/model';
import { refKey, type TicketRef } from '@/lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '@/lib/helpdesks/adapter';
import type { Client } from '@/lib/helpdesks/http';

export const ACCOUNT = 'acme.zendesk.com';
export const ticketRef = (id: number | string): TicketRef => ({
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id: String(id),
});
export const agent = (id: string, name: string, email: string | null = null): Agent => ({
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id,
  name,
  email,
});

/**
 * A helpdesk in memory that counts requests as the Zendesk adapter would make
 * them: search 100 tickets a page, one request an entries read of up to 100
 * entries, show_many 100 cases a request, one request for the agents.
 */
export function fakeHelpdesk(now: () => number) {
  const notes = new Map<string, Entry[]>();
  const tags = new Map<string, Set<string>>();
  const statuses = new Map<string, Case['status']>();
  const agents = new Map<string, Agent>();
  const requests = { search: 0, entries: 0, cases: 0, agents: 0, writes: 0 };
  let nextId = 1;

  const note = (
    ref: TicketRef,
    text: string,
    authorId: string,
    at = new Date(now()).toISOString(),
  ): Entry => {
    const entry: Entry = {
      ticket: ref,
      id: String(nextId++),
      authorId,
      public: false,
      fromCustomer: false,
      text,
      createdAt: at,
    };
    notes.set(refKey(ref), [...(notes.get(refKey(ref)) ?? []), entry]);
    return entry;
  };
  const tag = (ref: TicketRef, name: string) => {
    const key = refKey(ref);
    tags.set(key, (tags.get(key) ?? new Set()).add(name));
  };

  const caseOf = (id: string): Case => ({
    ref: ticketRef(id),
    subject: `Ticket ${id}`,
    status: statuses.get(refKey(ticketRef(id))) ?? 'open',
    rawStatus: 'open',
    priority: null,
    channel: null,
    createdAt: new Date(now()).toISOString(),
    updatedAt: new Date(now()).toISOString(),
    requesterId: '900',
    assigneeId: null,
    groupId: null,
    tags: [],
    archived: false,
  });

  const unused = async (): Promise<never> => {
    throw new Error('not used by the review');
  };
  const adapter: HelpdeskAdapter = {
    kind: 'zendesk',
    match: () => null,
    allows: () => true,
    me: unused,
    ticket: unused,
    requesterHistory: async function* () {},
    entries: async (_c: Client, ref: TicketRef) => {
      const found = notes.get(refKey(ref)) ?? [];
      requests.entries += Math.max(1, Math.ceil(found.length / 100));
      return [...found];
    },
    assignmentTrail: async () => [],
    groups: async () => [],
    myGroupIds: async () => [],
    taggedSince: async (_c: Client, account: string, name: string) => {
      const found = [...tags.entries()]
        .filter(([key, set]) => set.has(name) && key.includes(`:${account}:`))
        .map(([key]) => ticketRef(key.split(':')[2] ?? ''));
      requests.search += Math.max(1, Math.ceil(found.length / 100));
      return found;
    },
    agents: async (_c: Client, _account: string, ids: string[]) => {
      requests.agents += 1;
      return ids.flatMap((id) => {
        const found = agents.get(id);
        return found ? [found] : [];
      });
    },
    cases: {
      perRequest: 100,
      read: async (_c: Client, _account: string, ids: readonly string[]) => {
        requests.cases += 1;
        return ids.map(caseOf);
      },
    },
    addPrivateNote: async (_c: Client, ref: TicketRef, text: string) => {
      requests.writes += 1;
      return note(ref, text, '0');
    },
    addTag: async (_c: Client, ref: TicketRef, name: string) => {
      requests.writes += 1;
      tag(ref, name);
    },
    removeTag: unused,
    assign: unused,
  };
  return { adapter, note, tag, notes, statuses, agents, requests };
}
