import type { FrontlineDb } from '../db/schema';
import type { HelpdeskKind } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import type { Priority } from '../transport/job-queue';

/** The part of `browser.storage.sync` the mirror uses. */
export interface SyncArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * What follow-through works with. Every function takes the part it needs; all
 * state is in the database or storage.sync, so none of them keeps anything.
 */
export interface FollowThroughDeps {
  db: FrontlineDb;
  adapterFor: (kind: HelpdeskKind) => HelpdeskAdapter;
  /** The client for an account: the session transport when a helpdesk tab is open, else the API token. */
  client: (account: string, priority: Priority) => Client;
  now: () => number;
  storageSync: SyncArea;
  /**
   * Requests one cycle may send to an account. Default 30: the scheduler's background
   * share of a minute on the smallest plan, so a cycle never outlasts its interval.
   */
  budget?: (account: string) => number;
  /** Report-back due hours for escalations made without Frontline (policy). */
  policyDueHours?: number;
}
