import { browser } from 'wxt/browser';
import type { GatewayPolicyCopy } from '@/components/options/GatewayPolicy';
import { readManaged, wasManagedSeen } from '@/lib/credit/managed-policy';
import { gatewayChoice } from '@/lib/credit/policy';
import { CachedGatewayPolicy } from '@/lib/gateway/policy-cache';
import { areaKey, gatewayPolicies, selfManagedPolicy } from '@/lib/storage/items';

export interface GatewayOptions {
  url: string;
  copies: GatewayPolicyCopy[];
}

/** The credit gateway the policy in force names, and this browser's copies of its policy; null without one. */
export async function loadGateway(): Promise<GatewayOptions | null> {
  const [managed, local, seen, cache] = await Promise.all([
    readManaged(),
    selfManagedPolicy().getValue(),
    wasManagedSeen(),
    gatewayPolicies().getValue(),
  ]);
  const choice = gatewayChoice(managed, local, seen);
  if (choice === null || 'error' in choice) return null;
  const { url } = choice.gateway;
  const copies = Object.values(typeof cache === 'object' && cache !== null ? cache : {}).flatMap((value) => {
    const copy = CachedGatewayPolicy.safeParse(value);
    return copy.success && copy.data.url === url
      ? [{ account: copy.data.account, fetchedAt: copy.data.fetchedAt, policy: copy.data.answer.policy }]
      : [];
  });
  return { url, copies };
}

/** Calls `reload` whenever the gateway's copies or the policy naming it change. */
export function watchGateway(reload: () => void): () => void {
  const keys = [areaKey(gatewayPolicies), areaKey(selfManagedPolicy)];
  const listener = (changes: Record<string, unknown>) => {
    if (keys.some((key) => key in changes)) reload();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
