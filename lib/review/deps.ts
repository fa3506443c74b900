import type { FrontlineDb } from '../db/schema';
import type { CommandResult, GrantCommand } from '../domain/command';
import type { Agent } from '../domain/model';
import type { PolicyResult } from '../domain/policy';
import type { ReviewFailure } from '../domain/review/failure';
import type { AccountRef, TicketRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import type { Priority } from '../transport/job-queue';
import type { BackgroundToReview } from './protocol';

export interface ReviewDeps {
  db: FrontlineDb;
  adapterFor(kind: AccountRef['helpdesk']): HelpdeskAdapter;
  client(account: AccountRef, priority: Priority): Client;
  /** The policy in force; with a credit gateway, that account's (lib/credit/gateway-policy.ts). */
  loadPolicy(account?: string): Promise<PolicyResult>;
  /**
   * Credit gateway mode (issue 19): the worker's fetch, and the `Authorization` the manager's
   * stored credential gives for an account (null: none held). Only the worker holds it.
   */
  gateway?: { fetch: typeof fetch; authorization(account: AccountRef): Promise<string | null> };
  /** Accounts with an open helpdesk tab or a stored API credential. */
  accounts(): Promise<AccountRef[]>;
  now(): number;
  /** The credit service's grant path: limits are checked against `me`, the approver. */
  grant(cmd: GrantCommand, me: Agent, customerId: string): Promise<CommandResult>;
  /** Takes back a grant within its undo window (an approval that lost a race to another approver). */
  undo(grantId: string): Promise<CommandResult>;
  /** Work the credit outbox now (the grant commits after its undo window). */
  drain(): void;
  /** A ticket's notes changed: re-publish its sidebar. */
  changed(ticket: TicketRef): void;
  /** navigator.locks.request in the worker: one decision of a request at a time. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** A decision or coaching note was left in the outbox to be tried again: set its drain timer. */
  notesWaiting(): void;
}

/** How a handler answers the page; a load answers several times (progress, a partial paint, the period). */
export type ReviewReply = (message: BackgroundToReview) => void;

/** What a decision or coaching note came to, as the page is told: a refusal with its reason when known. */
export type NoteResult = { ok: true; message: null } | ({ ok: false } & ReviewFailure);

export const DONE: NoteResult = { ok: true, message: null };
export const refuse = (failure: ReviewFailure): NoteResult => ({ ok: false, ...failure });
