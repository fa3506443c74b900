import type { FrontlineDb } from '../db/schema';
import type { PolicyResult } from '../domain/policy';
import type { AccountRef, HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';

export interface CreditServiceDeps {
  db: FrontlineDb;
  adapterFor(kind: HelpdeskKind): HelpdeskAdapter;
  /** A scheduled client for this account (the agent's session, or the API token where the helpdesk writes with one). */
  client(account: AccountRef, priority: 'view' | 'background'): Client;
  now(): number;
  /**
   * storage.managed and the options page's policy, through readPolicy (lib/credit/policy.ts); with
   * a credit gateway, the gateway's policy for `account` (gateway-policy.ts), which needs the account.
   */
  loadPolicy(account?: string): Promise<PolicyResult>;
  /**
   * Whether writes on this account wait for an API key the rep has not given
   * (a helpdesk whose writes go through the token transport, with no key saved or a refused one).
   */
  needsCredentials(account: AccountRef): Promise<boolean>;
  /** navigator.locks.request in the worker; a fake in tests. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** For the billing webhook; globalThis.fetch in the worker. */
  fetch: typeof fetch;
  /** A grant or approval of this ticket changed: re-publish the sidebar snapshot. */
  changed(ticket: TicketRef): void;
  /**
   * Whether a helpdesk tab of this account is open, so a write runs with the session whose
   * agent the undo window confirmed; without one it goes out with the background's own
   * credential (the rep's OAuth token), whose agent is confirmed again. Absent: assumed open.
   */
  sessionOpen?(account: string): boolean;
  /** Gateway mode: a failure path (a refusal, an unreachable gateway) asks for the gateway's policy again. */
  refreshGatewayPolicy?(account: string): Promise<void>;
}
