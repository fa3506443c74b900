import type { AccountRef, HelpdeskKind } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import type { ReviewDeps } from './deps';

/**
 * One account the review reads, with its adapter and an `attended` client: a load reads the
 * team's whole period while the manager watches it fill, so it comes after the ticket in view
 * and keeps to background's budget and pace, but is not held by the account floor meant for
 * every rep's unattended background (lib/transport/rate-window.ts says why that cannot cause a
 * 429). Decisions, which an approver waits on, take their own client (decisions.ts).
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
  client: deps.client(account, 'attended'),
});
