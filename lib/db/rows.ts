import type { ApprovalRecord } from '../domain/approval-record';
import type { CreditGrant, GrantState } from '../domain/credit-grant';
import type { PinWatch } from '../domain/followthrough';
import type { HistoryCompleteness } from '../domain/history-completeness';
import type { Agent, AssignmentChange, Case, Customer, Entry, Group } from '../domain/model';
import type { OpRecord } from '../domain/op-record';
import type { SuspectNote } from '../domain/suspect-note';
import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';

/**
 * The current (v2) row shapes. Each row wraps a domain object from lib/domain and
 * adds the bookkeeping the indexes need. Times used by indexes are epoch ms, never
 * ISO strings: two ISO times with different offsets do not sort as strings.
 */

export interface AccountRow {
  /** The helpdesk host, e.g. `acme.zendesk.com`. */
  host: string;
  helpdesk: HelpdeskKind;
  me: Agent | null;
  lastSeenAt: number;
  /** When the account's whole group list was last read (epoch ms); absent before. */
  groupsListedAt?: number;
  /** The signed-in agent's groups as the helpdesk last said, and when (epoch ms); absent before. */
  myGroups?: { agentId: string; ids: string[]; at: number };
}

/** How much room a case takes, split so each part can be replaced on its own. */
export interface CaseSize {
  case: number;
  entries: number;
  trail: number;
}

export interface CaseRow {
  /** `helpdesk:account:id` (refKey of lib/domain/ticket-ref). */
  refKey: string;
  account: string;
  requesterId: string;
  updatedAt: number;
  /** When a rep last had this case in front of them (or it first arrived); eviction goes by it. */
  lastViewedAt: number;
  fetchedAt: number;
  size: CaseSize;
  case: Case;
}

export interface CustomerRow {
  /** `account:id` */
  key: string;
  account: string;
  fetchedAt: number;
  customer: Customer;
}

export interface AgentRow {
  key: string;
  account: string;
  fetchedAt: number;
  agent: Agent;
}

export interface GroupRow {
  key: string;
  account: string;
  fetchedAt: number;
  group: Group;
}

export interface EntryRow {
  /** `caseKey:entryId` */
  key: string;
  caseKey: string;
  createdAt: number;
  bytes: number;
  entry: Entry;
}

export interface TrailRow {
  caseKey: string;
  fetchedAt: number;
  changes: AssignmentChange[];
}

/** `ledger`: where a rep's own ledger search got to (lib/db/ledger-cursor-queries.ts). */
export type SyncSection = 'case' | 'entries' | 'trail' | 'history' | 'ledger';

/**
 * What we know about the freshness of one section. `scope` is a case key for the
 * case's own sections and a history scope (see historyScope) for a requester's history.
 */
export interface SyncStateRow {
  scope: string;
  section: SyncSection;
  etag: string | null;
  fetchedAt: number;
  /** Where a paged fetch stopped, to resume it. */
  cursor: string | null;
  complete: boolean;
  /** The helpdesk's total when it tells one. */
  total: number | null;
  /** A history's: what it can hold (absent in rows written before it was recorded). */
  completeness?: HistoryCompleteness;
}

export interface GrantRow {
  id: string;
  caseKey: string;
  /** `account:agentId` */
  agentKey: string;
  /** `account:customerId` */
  customerKey: string;
  /** `grant.at` as epoch ms. */
  at: number;
  /** Mirrors `grant.state` for the index; always written through grantRow(). */
  state: GrantState;
  grant: CreditGrant;
}

/** A helpdesk write waiting to be confirmed; survives service-worker and browser restarts. */
export interface OutboxRow {
  /** The grant id for a grant, else an operation id (a UUID). */
  id: string;
  kind: string;
  caseKey: string;
  /** Validated by the consumer of its `kind` when read back. */
  payload: unknown;
  createdAt: number;
  nextAttemptAt: number;
  attempts: number;
  lastError: string | null;
}

export interface PinRow {
  caseKey: string;
  ticket: TicketRef;
  pinnedAt: number;
  dueAt: number | null;
  note: string;
  /** The case's `updatedAt` when the rep last looked; a newer one means it moved. */
  lastSeenUpdate: string | null;
}

/** A stored answer for conditional GETs (ETag → body replayed on 304). */
export interface ResponseRow {
  /** `account` + request path */
  key: string;
  etag: string;
  storedAt: number;
  bytes: number;
  response: { status: number; headers: Record<string, string>; body: string };
}

/*
 * The v3 tables below replaced v2's untyped `meta` store. Their bodies are read
 * back through the domain's zod schemas: rows outlive the code that wrote them.
 */

/** One approval request this browser sends; `id` is the request's UUID. */
export interface ApprovalRow {
  id: string;
  caseKey: string;
  record: ApprovalRecord;
}

/** How one casework operation ended; `id` is the operation's UUID. */
export interface OpRecordRow {
  id: string;
  caseKey: string;
  record: OpRecord;
}

/** What the watcher remembers about one pin; it goes with the pin. */
export interface PinWatchRow {
  caseKey: string;
  watch: PinWatch;
}

/** A ticket's `updatedAt` when its credit notes were last read and merged. */
export interface ReadMarkRow {
  caseKey: string;
  updatedAt: string;
}

/** A note whose marker does not count; `key` is unique per note under its ticket. */
export interface SuspectRow {
  key: string;
  caseKey: string;
  account: string;
  note: SuspectNote;
}

/**
 * What the manager review last saw of a credit-tagged ticket: its update, status and
 * how its team index and notes disagree (null: they agree, or only the notes exist).
 * Both are validated by lib/db/review-ticket-queries when read back.
 */
export interface ReviewTicketRow {
  caseKey: string;
  account: string;
  updatedAt: string;
  status: unknown;
  disagreement: unknown;
}

/** The review's last complete load of an account's period, and the solved counts it made. */
export interface ReviewLoadRow {
  /** `account|periodStart` */
  key: string;
  /** When that load started (epoch ms): a reload searches what changed since, less an overlap. */
  startedAt: number;
  countedAt: number;
  counts: unknown;
  /** When that load last asked for the customer names the cache lacked; absent on rows from before it was kept. */
  namedAt?: number;
}

/** The watch cycle's own state: one row per name. */
export type FollowStateRow =
  /** This browser's pin merge clock, validated by lib/followthrough/pin-clock. */
  | { name: 'pin-clock'; clock: unknown }
  /** The last watch cycle: when it reached every account (epoch ms, or null), and why not. */
  | { name: 'last-check'; at: number | null; error: unknown };

export const personKey = (account: string, id: string): string => `${account}:${id}`;

export const entryKey = (caseKey: string, entryId: string): string => `${caseKey}:${entryId}`;

/** The sync-state scope of a requester's history (not tied to one case). */
export const historyScope = (account: string, requesterId: string): string =>
  `history:${account}:${requesterId}`;

export const isoToMs = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};
