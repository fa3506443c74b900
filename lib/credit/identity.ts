import { clearMe, putMe } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import type { AccountRef } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import type { Client } from '../helpdesks/http';
import { type Identity, whoIsSignedIn } from '../helpdesks/identity';

interface IdentityDeps {
  db: FrontlineDb;
  adapterFor(kind: AccountRef['helpdesk']): HelpdeskAdapter;
  now(): number;
}

/**
 * The agent a money or approval command goes out under, confirmed with the
 * helpdesk and remembered for the sidebar; signed out, the remembered agent is
 * forgotten, so nothing is written, or shown, under who was signed in before.
 */
export async function confirmIdentity(
  deps: IdentityDeps,
  account: AccountRef,
  client: Client,
): Promise<Identity> {
  const identity = await whoIsSignedIn(deps.adapterFor(account.helpdesk), client, account);
  if (identity.ok) await putMe(deps.db, account.account, identity.me, deps.now());
  else if (identity.signedOut) await clearMe(deps.db, account.account);
  return identity;
}
