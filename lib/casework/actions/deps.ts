import type { FrontlineDb } from '../../db/schema';
import type { HelpdeskKind, TicketRef } from '../../domain/ticket-ref';
import type { HelpdeskAdapter } from '../../helpdesks/adapter';
import type { Client } from '../../helpdesks/http';

/** The account a client talks to; a TicketRef fits. */
export interface AccountRef {
  helpdesk: HelpdeskKind;
  account: string;
}

export interface CaseworkServiceDeps {
  db: FrontlineDb;
  adapterFor(kind: HelpdeskKind): HelpdeskAdapter;
  /** A scheduled client for this account (the same one the credit engine writes with). */
  client(account: AccountRef, priority: 'view' | 'background'): Client;
  now(): number;
  /** A casework write of this ticket moved (sent, retrying, done, failed): re-publish its snapshot. */
  changed(ticket: TicketRef): void;
  /** Report-back due hours of the policy; 24 when absent. */
  dueHours?: () => number | Promise<number>;
  /**
   * navigator.locks.request in the worker, so one drain runs at a time across the
   * worker and extension pages; a mutex of this service when absent.
   */
  withLock?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}
