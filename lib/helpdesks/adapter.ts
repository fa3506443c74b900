import type { IndexedGrant } from '../domain/grant-index';
import type { HistoryCompleteness } from '../domain/history-completeness';
import type { Agent, AssignmentChange, Case, Customer, Entry, Group } from '../domain/model';
import type { TicketRef } from '../domain/ticket-ref';
import type { Client } from './http';
import type { HelpdeskPage, HelpdeskPlatform } from './platform';
import type { HelpdeskKind } from './registry';

export interface TicketContext {
  case: Case;
  requester: Customer;
  /** Agents and groups side-loaded with the ticket, when the helpdesk offers that. */
  agents: Agent[];
  groups: Group[];
}

export interface HistoryPage {
  cases: Case[];
  /** The helpdesk's total when it tells one; null when unknown. */
  total: number | null;
  /** What the history can hold; absent means everything (COMPLETE_HISTORY). */
  completeness?: HistoryCompleteness;
}

/**
 * What the review and the ledger search for. Days are whole UTC days
 * (`YYYY-MM-DD`), the only unit both helpdesks' searches share.
 */
export interface TicketQuery {
  /** A plain tag: `frontline_credit`, or a rep's own `fl_credit_{agentId}`. */
  tag?: string;
  assigneeId?: string;
  /** Solved or closed. */
  solved?: boolean;
  /** Updated on or after this day. */
  from: string;
  /** Updated before this day; open-ended when absent. */
  until?: string;
  /**
   * Updated after this UTC instant (`…Z`), narrowing `from`: Zendesk compares to the
   * second, Freshdesk only by day (it rounds down, so a search may return a little more).
   */
  updatedSince?: string;
  /**
   * Updated before this UTC instant, narrowing `until`: Zendesk compares to the second,
   * Freshdesk only by day (it rounds up to include the instant's day). Where a platform's
   * `searchTime` is `second`, a day too full for one search is split by the hour.
   */
  updatedBefore?: string;
  /**
   * Only the first page, the newest updates: for a caller that stops once it reaches what it
   * already holds (a reload). `complete` then says whether that page held every match.
   */
  firstPage?: boolean;
}

export interface TicketSearch {
  cases: Case[];
  /** The helpdesk's count of matches, which may exceed what one query can page through. */
  total: number;
  complete: boolean;
}

/** Several records by id, `perRequest` ids a request; ids the helpdesk does not return are left out. */
export interface BatchRead<T> {
  readonly perRequest: number;
  read(client: Client, account: string, ids: readonly string[]): Promise<T[]>;
}

/**
 * One helpdesk: its platform (page.ts, zod-free) plus the API. Adding Help Scout later
 * means one more folder implementing this and one line in registry.ts (see README.md).
 * Adapters never touch the database; every answer is zod-validated and a bad one throws
 * a HelpdeskError naming the endpoint and field.
 */
export interface HelpdeskAdapter<K extends HelpdeskKind = HelpdeskKind>
  extends HelpdeskPlatform<K>,
    Pick<HelpdeskPage<K>, 'allows'> {
  /** The signed-in agent; `account` names the Agent (the answer itself does not). */
  me(client: Client, account: string): Promise<Agent>;
  ticket(client: Client, ref: TicketRef): Promise<TicketContext>;
  /**
   * Every ticket of the requester the helpdesk lets this agent list, de-duplicated, streamed
   * page by page; each page says what the history can hold (archived tickets, scope).
   */
  requesterHistory(client: Client, account: string, requesterId: string): AsyncIterable<HistoryPage>;
  /** All entries of a ticket, oldest first, every page. */
  entries(client: Client, ref: TicketRef): Promise<Entry[]>;
  /**
   * The replies and notes of a ticket whose requester is known (a search
   * answered it), without reading the ticket itself: one request fewer per
   * ticket where markers are scanned in bulk (Frontline's markers live in
   * private notes). Freshdesk leaves out the opening message.
   */
  thread(client: Client, ref: TicketRef, requesterId: string): Promise<Entry[]>;
  /** Reassignments (Zendesk audits); Freshdesk has no trail and returns []. */
  assignmentTrail(client: Client, ref: TicketRef): Promise<AssignmentChange[]>;
  groups(client: Client, account: string): Promise<Group[]>;
  /** The groups the signed-in agent belongs to: an escalation to one of them is theirs to report back on. */
  myGroupIds(client: Client, account: string, agentId: string): Promise<string[]>;
  /**
   * One search of the account's tickets, newest update first. The helpdesk serves a
   * bounded number of pages (Zendesk 10 × 100, Freshdesk 10 × 30): when `total` says
   * more match, the answer stops after the first page with `complete: false` so the
   * caller can narrow the days (see search-walk). Search lags minutes behind writes.
   */
  searchTickets(client: Client, account: string, query: TicketQuery): Promise<TicketSearch>;
  /** How many tickets match, in one request. */
  countTickets(client: Client, account: string, query: TicketQuery): Promise<number>;
  agents(client: Client, account: string, ids: string[]): Promise<Agent[]>;
  /**
   * Several tickets at once, for the pin watcher: `perRequest` ids per request (Zendesk
   * show_many: 100; Freshdesk: 1). Tickets the helpdesk does not return (deleted, out of
   * reach) are left out. Optional: without it a caller reads one ticket() at a time.
   */
  cases?: BatchRead<Case>;
  /** Customers by id, for names the cache lacks (Zendesk show_many: 100; Freshdesk: 1). */
  customers: BatchRead<Customer>;

  addPrivateNote(client: Client, ref: TicketRef, text: string): Promise<Entry>;
  addTag(client: Client, ref: TicketRef, tag: string): Promise<void>;
  /**
   * Puts grants into the ticket's team index in ONE ticket update: the `frontline_credit`
   * tag, each grant's `fl_credit_{agent}` tag and, when the account has the "Frontline
   * ledger" field, the grants' lines merged into it (lib/domain/grant-index.ts). Reads the
   * ticket first and writes nothing when everything is there. Concurrent writers are
   * handled per helpdesk (Zendesk safe update, Freshdesk read-merge-write-verify); a write
   * that keeps colliding throws a `conflict` HelpdeskError for the caller to retry later.
   */
  indexGrants(client: Client, ref: TicketRef, grants: readonly IndexedGrant[]): Promise<void>;
  removeTag(client: Client, ref: TicketRef, tag: string): Promise<void>;
  assign(
    client: Client,
    ref: TicketRef,
    to: { assigneeId?: string | null; groupId?: string | null },
  ): Promise<void>;
}
