import type { FrontlineDb } from '../../db/schema';
import type { AccountRef, HelpdeskKind, TicketRef } from '../../domain/ticket-ref';
import type { HelpdeskAdapter } from '../../helpdesks/adapter';
import type { Client } from '../../helpdesks/http';

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
