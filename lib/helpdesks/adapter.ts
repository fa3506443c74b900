import type { Agent, AssignmentChange, Case, Customer, Entry, Group } from '../domain/model';
import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import type { Client } from './http';

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
}

export interface BatchCaseRead {
  readonly perRequest: number;
  read(client: Client, account: string, ids: readonly string[]): Promise<Case[]>;
}

/**
 * One helpdesk. Adding Help Scout later means one more folder implementing this,
 * nothing else. Adapters never touch the database; every answer is zod-validated
 * and a bad one throws a HelpdeskError naming the endpoint and field.
 */
export interface HelpdeskAdapter {
  readonly kind: HelpdeskKind;
  /** Pure: the ticket a helpdesk agent URL shows, or null. */
  match(url: string): TicketRef | null;
  /** Whether this path of the account's origin may be requested by the session transport. */
  allows(method: string, path: string): boolean;

  /** The signed-in agent; `account` names the Agent (the answer itself does not). */
  me(client: Client, account: string): Promise<Agent>;
  ticket(client: Client, ref: TicketRef): Promise<TicketContext>;
  /** Every ticket of the requester, archived included, de-duplicated, streamed page by page. */
  requesterHistory(client: Client, account: string, requesterId: string): AsyncIterable<HistoryPage>;
  /** All entries of a ticket, oldest first, every page. */
  entries(client: Client, ref: TicketRef): Promise<Entry[]>;
  /** Reassignments (Zendesk audits); Freshdesk has no trail and returns []. */
  assignmentTrail(client: Client, ref: TicketRef): Promise<AssignmentChange[]>;
  groups(client: Client, account: string): Promise<Group[]>;
  /** The groups the signed-in agent belongs to: an escalation to one of them is theirs to report back on. */
  myGroupIds(client: Client, account: string, agentId: string): Promise<string[]>;
  /**
   * Tickets carrying `tag` updated on or after `since` (a UTC day, `YYYY-MM-DD`), found by
   * search: a bounded number of pages (Zendesk 10 × 100, Freshdesk 10 × 30), newest update
   * first, so a cap drops the oldest. Search lags minutes behind writes.
   */
  taggedSince(client: Client, account: string, tag: string, since: string): Promise<TicketRef[]>;
  agents(client: Client, account: string, ids: string[]): Promise<Agent[]>;
  /**
   * Several tickets at once, for the pin watcher: `perRequest` ids per request (Zendesk
   * show_many: 100; Freshdesk: 1). Tickets the helpdesk does not return (deleted, out of
   * reach) are left out. Optional: without it a caller reads one ticket() at a time.
   */
  cases?: BatchCaseRead;

  addPrivateNote(client: Client, ref: TicketRef, text: string): Promise<Entry>;
  addTag(client: Client, ref: TicketRef, tag: string): Promise<void>;
  removeTag(client: Client, ref: TicketRef, tag: string): Promise<void>;
  assign(
    client: Client,
    ref: TicketRef,
    to: { assigneeId?: string | null; groupId?: string | null },
  ): Promise<void>;
}
