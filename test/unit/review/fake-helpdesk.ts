import type { Agent, Case, Entry } from '@/lib/domain/model';
import { refKey, type TicketRef } from '@/lib/domain/ticket-ref';
import type { HelpdeskAdapter, TicketQuery } from '@/lib/helpdesks/adapter';
import { type Client, HelpdeskError } from '@/lib/helpdesks/http';
import { type IndexedGrant, withGrants } from '../../../lib/domain/grant-index';
import { indexTags } from '../../../lib/helpdesks/index-tags';
import { platformOf } from '../../../lib/helpdesks/registry';

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
 * them: search 100 tickets a page, one request a count, one request an
 * entries read of up to 100 entries, show_many 100 customers a request, one
 * request for the agents.
 */
export function fakeHelpdesk(now: () => number) {
  const notes = new Map<string, Entry[]>();
  const tags = new Map<string, Set<string>>();
  const statuses = new Map<string, Case['status']>();
  const agents = new Map<string, Agent>();
  const updated = new Map<string, string>();
  const assignees = new Map<string, string>();
  const requests = { search: 0, count: 0, entries: 0, agents: 0, customers: 0, writes: 0 };
  /**
   * The account's "Frontline ledger" field: off, every ticket's `ledger` is undefined
   * (no field); on, a ticket's text or null. `cap` is what one search lists (Zendesk
   * 1,000; Freshdesk 300): past it the answer is the first page, incomplete.
   * `byDay`: `updatedSince` compares days, as Freshdesk's filter does.
   */
  const index = { field: false, cap: 1000, pageSize: 100, byDay: false };
  const ledgers = new Map<string, string>();
  const touch = (ref: TicketRef, at: string) => {
    const key = refKey(ref);
    if ((updated.get(key) ?? '') < at) updated.set(key, at);
  };
  let nextId = 1;
  /** Who users/me names; null answers as a signed-out session does. */
  let signedIn: Agent | null = null;

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
      authorIsAgent: true,
      authorConfirmed: true,
    };
    notes.set(refKey(ref), [...(notes.get(refKey(ref)) ?? []), entry]);
    touch(ref, at);
    return entry;
  };
  const tag = (ref: TicketRef, name: string, at = new Date(now()).toISOString()) => {
    const key = refKey(ref);
    tags.set(key, (tags.get(key) ?? new Set()).add(name));
    touch(ref, at);
  };

  /** Ticket id → requester, where not the default customer 900. */
  const requesters = new Map<string, string>();
  /** Who the signed-in agent is: notes written through the API are theirs. */
  const writer = { id: '0' };
  const caseOf = (id: string): Case => ({
    ref: ticketRef(id),
    subject: `Ticket ${id}`,
    status: statuses.get(refKey(ticketRef(id))) ?? 'open',
    rawStatus: 'open',
    priority: null,
    channel: null,
    createdAt: new Date(now()).toISOString(),
    updatedAt: updated.get(refKey(ticketRef(id))) ?? new Date(now()).toISOString(),
    requesterId: requesters.get(id) ?? '900',
    assigneeId: assignees.get(refKey(ticketRef(id))) ?? null,
    groupId: null,
    tags: [...(tags.get(refKey(ticketRef(id))) ?? [])],
    archived: false,
    ...(index.field ? { ledger: ledgers.get(refKey(ticketRef(id))) ?? null } : {}),
  });

  /** Tickets of the account (any tagged, noted or assigned) matching the query: tag, assignee, status, days updated. */
  const matching = (account: string, query: TicketQuery): Case[] =>
    [...new Set([...tags.keys(), ...notes.keys(), ...assignees.keys()])]
      .filter((key) => key.includes(`:${account}:`))
      .map((key) => caseOf(key.split(':')[2] ?? ''))
      .filter(
        (c) =>
          (query.tag === undefined || tags.get(refKey(c.ref))?.has(query.tag) === true) &&
          (query.assigneeId === undefined || c.assigneeId === query.assigneeId) &&
          (query.solved !== true || c.status === 'solved' || c.status === 'closed') &&
          c.updatedAt.slice(0, 10) >= query.from &&
          (query.until === undefined || c.updatedAt.slice(0, 10) < query.until) &&
          (query.updatedSince === undefined ||
            (index.byDay
              ? c.updatedAt.slice(0, 10) >= query.updatedSince.slice(0, 10)
              : c.updatedAt > query.updatedSince)) &&
          (query.updatedBefore === undefined ||
            (index.byDay
              ? c.updatedAt.slice(0, 10) <= query.updatedBefore.slice(0, 10)
              : c.updatedAt < query.updatedBefore)),
      )
      // Both helpdesks' searches answer newest update first.
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));

  const unused = async (): Promise<never> => {
    throw new Error('not used by the review');
  };
  const adapter: HelpdeskAdapter = {
    ...platformOf('zendesk'),
    // Freshdesk's filter (byDay) compares whole days; Zendesk's search the second.
    get searchTime() {
      return index.byDay ? ('day' as const) : ('second' as const);
    },
    match: () => null,
    allows: () => true,
    me: async () => {
      if (signedIn === null)
        throw new HelpdeskError('signed-out', 'GET /api/v2/users/me', 'anonymous user', 200);
      return signedIn;
    },
    // A decision reads the ticket for its requester.
    ticket: async (_c: Client, ref: TicketRef) => {
      const c = caseOf(ref.id);
      return {
        case: c,
        requester: {
          helpdesk: 'zendesk',
          account: ref.account,
          id: c.requesterId,
          name: 'Customer',
          email: null,
          organization: null,
        },
        agents: [],
        groups: [],
      };
    },
    requesterHistory: async function* () {},
    entries: async (_c: Client, ref: TicketRef) => {
      const found = notes.get(refKey(ref)) ?? [];
      // The ticket, and the comments 100 a page.
      requests.entries += 1 + Math.max(1, Math.ceil(found.length / 100));
      return [...found];
    },
    thread: async (_c: Client, ref: TicketRef) => {
      const found = notes.get(refKey(ref)) ?? [];
      requests.entries += Math.max(1, Math.ceil(found.length / 100));
      return [...found];
    },
    assignmentTrail: async () => [],
    groups: async () => [],
    myGroupIds: async () => [],
    searchTickets: async (_c: Client, account: string, query: TicketQuery) => {
      const cases = matching(account, query);
      if (query.firstPage === true || cases.length > index.cap) {
        requests.search += 1;
        return {
          cases: cases.slice(0, index.pageSize),
          total: cases.length,
          complete: cases.length <= index.pageSize,
        };
      }
      requests.search += Math.max(1, Math.ceil(cases.length / index.pageSize));
      return { cases, total: cases.length, complete: true };
    },
    countTickets: async (_c: Client, account: string, query: TicketQuery) => {
      requests.count += 1;
      return matching(account, query).length;
    },
    customers: {
      perRequest: 100,
      read: async (_c: Client, account: string, ids: readonly string[]) => {
        requests.customers += Math.ceil(ids.length / 100);
        return ids.map((id) => ({
          helpdesk: 'zendesk' as const,
          account,
          id,
          name: `Customer ${id} name`,
          email: null,
          organization: null,
        }));
      },
    },
    agents: async (_c: Client, _account: string, ids: string[]) => {
      requests.agents += 1;
      return ids.flatMap((id) => {
        const found = agents.get(id);
        return found ? [found] : [];
      });
    },
    addPrivateNote: async (_c: Client, ref: TicketRef, text: string) => {
      requests.writes += 1;
      return note(ref, text, writer.id);
    },
    addTag: async (_c: Client, ref: TicketRef, name: string) => {
      requests.writes += 1;
      tag(ref, name);
    },
    indexGrants: async (_c: Client, ref: TicketRef, grants: readonly IndexedGrant[]) => {
      requests.writes += 1;
      for (const name of indexTags(grants)) tag(ref, name);
      if (index.field) ledgers.set(refKey(ref), withGrants(ledgers.get(refKey(ref)) ?? null, grants));
    },
    removeTag: unused,
    assign: unused,
  };
  const signIn = (agent: Agent | null) => {
    signedIn = agent;
  };
  return {
    adapter,
    note,
    tag,
    notes,
    statuses,
    assignees,
    agents,
    requests,
    requesters,
    writer,
    signIn,
    index,
    ledgers,
    touch,
  };
}
