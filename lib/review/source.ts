import type { AccountRef, HelpdeskKind } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import type { ReviewDeps } from './deps';

/** One account the review reads, with its adapter and a client at the page's priority. */
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
  client: deps.client(account, 'view'),
});
