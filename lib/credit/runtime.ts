import { browser } from 'wxt/browser';
import { outboxTimer } from '../db/outbox-timer';
import type { FrontlineDb } from '../db/schema';
import type { PolicyResult } from '../domain/policy';
import type { AccountRef, HelpdeskKind, TicketRef } from '../domain/ticket-ref';
import { refreshGatewayPolicySoon } from '../gateway/policy-cache';
import type { HelpdeskAdapter } from '../helpdesks/adapter';
import { platformOf } from '../helpdesks/registry';
import { areaKey, credentials, gatewayPolicies, oauthConnections, selfManagedPolicy } from '../storage/items';
import { credentialRefusal, storedCredential } from '../transport/token';
import { policyInForce } from './gateway-policy';
import { createLedgerCadence } from './ledger-cadence';
import { readManaged, rememberManaged, wasManagedSeen } from './managed-policy';
import { isPresent, reportBackHoursOf } from './policy';
import { createCreditService } from './service';

export const DRAIN_ALARM = 'frontline-credit-drain';

/** The gateway policy cache in extension storage, read over the worker's fetch. */
export const gatewayPolicyCache = {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
  now: Date.now,
  read: () => gatewayPolicies().getValue(),
  write: (cache: unknown) => gatewayPolicies().setValue(cache),
};

/**
 * The policy in force (for `account` when a credit gateway holds it); a managed policy read
 * here is remembered, so its later disappearance fails closed.
 */
export async function loadPolicy(account?: string): Promise<PolicyResult> {
  const [managed, local, seen] = await Promise.all([
    readManaged(),
    selfManagedPolicy().getValue(),
    wasManagedSeen(),
  ]);
  if (isPresent(managed) && !seen) await rememberManaged(Date.now());
  return policyInForce({ managed, local, managedSeen: seen }, account, gatewayPolicyCache);
}

/** The policy's report-back due hours for escalations; the default while there is no valid policy. */
export const policyDueHours = async (): Promise<number> => reportBackHoursOf(await loadPolicy());

interface CreditRuntimeDeps {
  db: FrontlineDb;
  adapterFor(kind: HelpdeskKind): HelpdeskAdapter;
  client: Parameters<typeof createCreditService>[0]['client'];
  changed(ticket: TicketRef): void;
  sessionOpen(account: string): boolean;
}

/**
 * The credit service with the worker's real parts: policy from storage, Web
 * Locks, fetch, and the outbox drained on a timer backed by an alarm (the
 * timer dies with the worker; the alarm wakes it again).
 */
export function createCreditRuntime(deps: CreditRuntimeDeps) {
  const service = createCreditService({
    ...deps,
    now: Date.now,
    loadPolicy,
    // Token writes (Freshdesk) need the rep's key: none saved, or one the helpdesk refused.
    needsCredentials: async (account: AccountRef) =>
      platformOf(account.helpdesk).writes === 'token' &&
      ((await storedCredential(account.account)) === null ||
        (await credentialRefusal(account.account)) !== null),
    // The lock is held until work settles; its result is the work's result.
    withLock: <T>(name: string, work: () => Promise<T>) => navigator.locks.request(name, work) as Promise<T>,
    fetch: (input, init) => globalThis.fetch(input, init),
    refreshGatewayPolicy: async (account: string) => {
      const policy = await loadPolicy(account);
      if (policy.gateway !== undefined)
        await refreshGatewayPolicySoon(gatewayPolicyCache, policy.gateway.url, account);
    },
  });

  const drain = outboxTimer(DRAIN_ALARM, () => service.drain());
  // A key saved or removed, or a Zendesk account connected, in the options page: grants waiting for one go out now.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && [credentials, oauthConnections].some((item) => areaKey(item) in changes))
      void drain();
  });

  // The rep's own ledger, when due (ledger-cadence.ts): a view asks, the cadence decides.
  const cadence = createLedgerCadence({
    db: deps.db,
    now: Date.now,
    refresh: (account, helpdesk) => service.refreshLedger(account, helpdesk),
  });
  const refreshLedger = async (account: string, helpdesk: HelpdeskKind, changedTicket: TicketRef) => {
    if (await cadence(account, helpdesk)) deps.changed(changedTicket);
  };

  return { service, drain, refreshLedger };
}

export type CreditRuntime = ReturnType<typeof createCreditRuntime>;
