import type { FrontlineDb } from '../db/schema';
import type { PolicyResult } from '../domain/policy';
import type { HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';

/** The account a client talks to; a TicketRef fits. */
export interface AccountRef {
  helpdesk: HelpdeskKind;
  account: string;
}

export interface CreditServiceDeps {
  db: FrontlineDb;
  adapterFor(kind: HelpdeskKind): HelpdeskAdapter;
  /** A scheduled client for this account (session transport for Zendesk, API token for Freshdesk writes). */
  client(account: AccountRef, priority: 'view' | 'background'): Client;
  now(): number;
  /** storage.managed and the options page's policy, through readPolicy (lib/credit/policy.ts). */
  loadPolicy(): Promise<PolicyResult>;
  /**
   * Whether writes on this account wait for an API key the rep has not given
   * (Freshdesk writes go through the token transport); e.g.
   * `a.helpdesk === 'freshdesk' && (await storedCredential(a.account)) === null`.
   */
  needsCredentials(account: AccountRef): Promise<boolean>;
  /** navigator.locks.request in the worker; a fake in tests. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** For the billing webhook; globalThis.fetch in the worker. */
  fetch: typeof fetch;
  /** A grant or approval of this ticket changed: re-publish the sidebar snapshot. */
  changed(ticket: TicketRef): void;
}
