import type { AccountRef } from '../domain/ticket-ref';
import { oauthOfHost } from '../helpdesks/oauth';
import { type BearerSource, oauthBearer } from '../oauth/bearer';
import { storedCredential } from '../transport/token';
import { managerAuthorization } from './gateway-source';

/**
 * The manager's credential for the gateway's review routes, from what the worker already
 * holds for the account: the OAuth connection where the helpdesk offers OAuth, else the saved API credential.
 */
export const heldAuthorization =
  (bearer: BearerSource = oauthBearer()) =>
  async (account: AccountRef): Promise<string | null> =>
    managerAuthorization({
      bearer: oauthOfHost(account.account) ? await bearer.current(account.account) : null,
      token: await storedCredential(account.account),
    });
