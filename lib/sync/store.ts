import type { CreditGrant } from '../domain/credit-grant';
import type { HistoryCompleteness } from '../domain/history-completeness';
import type { Agent, AssignmentChange, Case, Customer, Entry, Group } from '../domain/model';
import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import type { TicketContext } from '../helpdesks/adapter';

/** What is cached about one ticket's context (the requester's history is read apart); absent parts are null/empty. */
export interface CachedContext {
  case: Case | null;
  requester: Customer | null;
  historyComplete: boolean;
  historyTotal: number | null;
  /** What the cached history can hold (null before a complete fetch said). */
  historyCompleteness: HistoryCompleteness | null;
  /** Epoch ms of the last complete history fetch. */
  historyFetchedAt: number | null;
  entries: Entry[] | null;
  trail: AssignmentChange[] | null;
  agents: Agent[];
  groups: Group[];
  grants: CreditGrant[];
  me: Agent | null;
  /** When the account's whole group list was last read (epoch ms); null before. */
  groupsListedAt: number | null;
}

/** What the context holds of the ticket's requester rather than of the ticket. */
export type RequesterContext = Pick<
  CachedContext,
  'historyComplete' | 'historyTotal' | 'historyCompleteness' | 'historyFetchedAt' | 'grants'
>;

/** What the sync needs from the database: lib/db implements it, tests fake it. */
export interface ContextStore {
  /** The ticket's context without the requester's history, so a publish does not cost the history's size. */
  read(ref: TicketRef): Promise<CachedContext>;
  /**
   * The requester's part alone: its tables are not the ones a ticket's write holds, so it is read
   * while that write is still going (a first view paints the fetched ticket from memory).
   */
  readRequester(account: string, requesterId: string): Promise<RequesterContext>;
  /** Every cached case of this requester: read once per feed, not per publish. */
  readHistory(account: string, requesterId: string): Promise<Case[]>;
  writeTicket(context: TicketContext): Promise<void>;
  writeHistoryPage(account: string, requesterId: string, cases: Case[]): Promise<void>;
  finishHistory(
    account: string,
    requesterId: string,
    total: number | null,
    at: number,
    completeness?: HistoryCompleteness,
  ): Promise<void>;
  writeEntries(ref: TicketRef, entries: Entry[]): Promise<void>;
  readEntries(ref: TicketRef): Promise<Entry[] | null>;
  writeTrail(ref: TicketRef, trail: AssignmentChange[]): Promise<void>;
  writeAgents(agents: Agent[]): Promise<void>;
  /** The account's whole group list, read now: kept with the time, so a restarted worker need not ask again. */
  writeGroupList(account: string, helpdesk: HelpdeskKind, groups: Group[]): Promise<void>;
  writeMe(account: string, me: Agent): Promise<void>;
  /** The helpdesk says nobody is signed in: forget the agent. */
  clearMe(account: string): Promise<void>;
  touch(ref: TicketRef, at: number): Promise<void>;
}
