import type { PolicyResult } from '../domain/policy';
import { gatewayPolicy, type PolicyCacheDeps } from '../gateway/policy-cache';
import { gatewayChoice, readPolicy } from './policy';

export const NO_ACCOUNT =
  'Credits are off here: the credit gateway keeps one policy per helpdesk account, and none is known. Open a ticket.';

export interface PolicySources {
  managed: unknown;
  local: unknown;
  managedSeen: boolean;
}

/**
 * The policy in force for one helpdesk account. Without a gateway it is the managed or
 * self-managed policy (readPolicy), advisory; with one it is the gateway's (cached, fail
 * closed: policy-cache.ts), and the result names the gateway and when its policy was read.
 */
export async function policyInForce(
  sources: PolicySources,
  account: string | undefined,
  cache: PolicyCacheDeps,
): Promise<PolicyResult> {
  const { managed, local, managedSeen } = sources;
  const choice = gatewayChoice(managed, local, managedSeen);
  if (choice === null) return readPolicy(managed, local, managedSeen);
  if ('error' in choice) return choice;
  const { url } = choice.gateway;
  if (account === undefined)
    return { error: NO_ACCOUNT, source: choice.source, gateway: { url, fetchedAt: null } };
  const read = await gatewayPolicy(cache, url, account);
  return read.ok
    ? { policy: read.answer.policy, source: choice.source, gateway: { url, fetchedAt: read.fetchedAt } }
    : {
        error: read.error,
        off: read.off,
        source: choice.source,
        gateway: { url, fetchedAt: read.fetchedAt },
      };
}
