import type { AccountRef } from '../domain/ticket-ref';
import { type BearerSource, oauthBearer } from '../oauth/bearer';
import { storedCredential } from '../transport/token';
import { managerAuthorization } from './gateway-source';

/**
 * The manager's credential for the gateway's review routes, from what the worker already
 * holds for the account: the OAuth connection (Zendesk), else the saved API credential.
 */
export const heldAuthorization =
  (bearer: BearerSource = oauthBearer()) =>
  async (account: AccountRef): Promise<string | null> =>
    managerAuthorization({
      bearer: account.helpdesk === 'zendesk' ? await bearer.current(account.account) : null,
      token: await storedCredential(account.account),
    });
