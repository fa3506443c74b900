import type { Agent } from '../domain/model';
import type { HelpdeskKind } from '../domain/ticket-ref';
import type { HelpdeskAdapter } from './adapter';
import { type Client, HelpdeskError } from './http';

/** Who the helpdesk says is signed in, asked right before a command that writes under their name. */
export type Identity = { ok: true; me: Agent } | { ok: false; signedOut: boolean; message: string };

export const SIGNED_OUT = 'You are signed out of this helpdesk: sign in again, then retry.';

/**
 * Asks the helpdesk who is signed in (Zendesk `users/me`, Freshdesk `agents/me`)
 * through the client the command's writes go through. A 401 or Zendesk's
 * anonymous user is `signedOut`; any other failure only says the check failed.
 */
export async function whoIsSignedIn(
  adapter: HelpdeskAdapter,
  client: Client,
  account: { helpdesk: HelpdeskKind; account: string },
): Promise<Identity> {
  try {
    const me = await adapter.me(client, account.account);
    if (me.helpdesk !== account.helpdesk || me.account !== account.account)
      return {
        ok: false,
        signedOut: false,
        message: `The helpdesk answered for another account than ${account.account}.`,
      };
    return { ok: true, me };
  } catch (error) {
    if (error instanceof HelpdeskError && error.kind === 'signed-out')
      return { ok: false, signedOut: true, message: SIGNED_OUT };
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      signedOut: false,
      message: `Could not confirm who is signed in to ${account.account}: ${why}`,
    };
  }
}
