import { AuthorityPolicy } from '../../../lib/domain/policy';
import type { GatewayDeps } from '../deps';
import type { HelpdeskFetch } from '../helpdesk/client';
import { helpdeskFetch } from '../helpdesk/network';
import type { Manager } from '../managers/authenticate';
import { verifiedCache } from '../managers/cache';
import { forwardingClient } from '../managers/forwarding-client';
import type { ReviewDeps } from './plugin';

/**
 * The review's deps from the gateway's: its store and clock, each configured account with its
 * parsed policy (null when invalid: the review then fails closed) and the gateway's own
 * client, and managers' credentials forwarded to the account's API through the same
 * network settings (CA, names) as the gateway's own calls.
 */
export function reviewDepsOf(
  deps: GatewayDeps,
  fetch: HelpdeskFetch = helpdeskFetch(deps.config.helpdeskNetwork),
): ReviewDeps {
  const accounts = new Map(deps.config.accounts.map((a) => [a.account, a]));
  return {
    store: deps.store,
    now: deps.now,
    account(name) {
      const config = accounts.get(name);
      if (!config) return null;
      const policy = AuthorityPolicy.safeParse(config.policy);
      return {
        account: config.account,
        kind: config.kind,
        policy: policy.success ? policy.data : null,
        client: deps.helpdesk(config),
      };
    },
    managers: {
      cache: verifiedCache<Manager>(),
      clientFor(name, authorization) {
        const config = accounts.get(name);
        return forwardingClient(config?.apiBase ?? `https://${name}`, authorization, fetch);
      },
    },
  };
}
