/**
 * The simulator's own in-memory model: one shape for both helpdesks, turned into
 * each helpdesk's JSON by zendesk/serialize.ts and freshdesk/serialize.ts.
 * Ids are decimal strings (Zendesk ids pass 2^32); they stay below 2^53 so the
 * serializers may emit them as JSON numbers exactly.
 */
export type Helpdesk = 'zendesk' | 'freshdesk';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Channel = 'email' | 'web' | 'api' | 'chat' | 'phone';

export interface SimUser {
  id: string;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  createdAt: string;
  updatedAt: string;
  /** Agents only: the groups they belong to. */
  groupIds: string[];
  organizationId: string | null;
  phone: string | null;
  timeZone: string;
  /** Freshdesk agents' personal API key (`KEY:X`); null for customers and Zendesk users. */
  apiKey: string | null;
}

export interface SimGroup {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Escalation tiers ("Tier 2", "Billing escalations"): where owned cases go for help. */
  escalation: boolean;
  isDefault: boolean;
}

export interface SimOrganization {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimComment {
  id: string;
  authorId: string;
  /** Plain text. */
  body: string;
  /** The HTML form the helpdesk stores (may carry raw hostile markup on Freshdesk). */
  html: string;
  public: boolean;
  /** Written by the customer (Freshdesk `incoming`). */
  incoming: boolean;
  createdAt: string;
  auditId: string;
}

export type AuditField =
  | 'assignee_id'
  | 'group_id'
  | 'status'
  | 'requester_id'
  | 'subject'
  | 'tags'
  | 'priority';

/** A Zendesk business rule: its events carry `via: {channel: "rule", source: {from: {id, title}, rel}}`. */
export interface SimRule {
  rel: 'trigger' | 'automation';
  id: string;
  title: string;
}

export interface SimChange {
  kind: 'Create' | 'Change';
  field: AuditField | string;
  /** Zendesk audits carry ids as strings; tags as string arrays. */
  value: string | string[] | null;
  previous: string | string[] | null;
  /** A rule made this change inside someone else's update (the event's own `via`). */
  rule?: SimRule;
}

export interface SimAudit {
  id: string;
  createdAt: string;
  authorId: string;
  channel: Channel | 'rule';
  /** The rule that made the whole update (an automation's audit): the audit's `via.source`. */
  rule?: SimRule;
  commentId: string | null;
  changes: SimChange[];
  /** Events served verbatim after the rest: shapes the product may send that nobody expects. */
  rawEvents?: unknown[];
}

export interface SimThread {
  comments: SimComment[];
  audits: SimAudit[];
}

export interface SimTicket {
  account: string;
  helpdesk: Helpdesk;
  id: string;
  subject: string;
  /** Plain text of the first comment. */
  description: string;
  /** The helpdesk's raw status: Zendesk `open`…, Freshdesk `2`…`9` (≥ 6 custom). */
  status: string;
  priority: Priority | null;
  type: 'question' | 'incident' | 'problem' | 'task' | null;
  channel: Channel;
  requesterId: string;
  submitterId: string;
  assigneeId: string | null;
  groupId: string | null;
  organizationId: string | null;
  tags: string[];
  /** Zendesk: field id → value; Freshdesk: `cf_name` → value. */
  customFields: Record<string, string | number | boolean | null>;
  /** Zendesk custom ticket status id (every ticket has one, as in real 2023+ data). */
  customStatusId: string | null;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** Null until first read: generated threads are made on demand so 100,000 tickets stay cheap. */
  thread: SimThread | null;
  /** Bumped on every write; feeds the ETag. */
  version: number;
}

export interface SimTicketField {
  id: string;
  /** Freshdesk `cf_…` name, or the Zendesk title. */
  key: string;
  title: string;
  /** `textarea`: multi-line text (Zendesk `textarea`, Freshdesk `custom_paragraph`). */
  type:
    | 'text'
    | 'textarea'
    | 'decimal'
    | 'tagger'
    | 'checkbox'
    | 'integer'
    | 'status'
    | 'subject'
    | 'description';
  choices: { value: string; label: string }[];
}

export interface SimCustomStatus {
  id: string;
  category: 'new' | 'open' | 'pending' | 'hold' | 'solved';
  agentLabel: string;
}

export interface SimAccount {
  host: string;
  helpdesk: Helpdesk;
  name: string;
  /** Zendesk account API token (`email/token:TOKEN`). */
  apiToken: string;
  users: Map<string, SimUser>;
  groups: Map<string, SimGroup>;
  organizations: Map<string, SimOrganization>;
  tickets: Map<string, SimTicket>;
  /** Requester id → tickets, oldest first, archived included. */
  byRequester: Map<string, SimTicket[]>;
  ticketFields: SimTicketField[];
  customStatuses: SimCustomStatus[];
  /** Next id for comments, audits and new records (a number: all ids stay below 2^53). */
  nextId: number;
  nextTicketId: number;
  /** Makes a generated ticket's thread on first read; absent for loaded data sets. */
  makeThread: ((ticket: SimTicket, account: SimAccount) => SimThread) | null;
}
