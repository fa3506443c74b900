import type { AccountRef, HelpdeskKind } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import type { ReviewDeps } from './deps';

/**
 * One account the review reads, with its adapter and a background client: a load reads the team's
 * whole period, so it yields to the tickets reps have in view and waits, like the ledger and the
 * watcher, while the account is below the floor every browser keeps (lib/transport/rate-window.ts).
 * Decisions, which an approver waits on, take their own client (decisions.ts).
 */
export interface AccountSource {
  helpdesk: HelpdeskKind;
  account: string;
  adapter: HelpdeskAdapter;
  client: Client;
}

export const sourceOf = (
  deps: Pick<ReviewDeps, 'adapterFor' | 'client'>,
  account: AccountRef,
): AccountSource => ({
  ...account,
  adapter: deps.adapterFor(account.helpdesk),
  client: deps.client(account, 'background'),
});
