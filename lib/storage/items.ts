import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/**
 * Every key Frontline keeps in extension storage, declared once. Values are
 * `unknown` where the rep, an older version or another browser may have put
 * anything there: each reader validates what it gets (zod), so a malformed
 * value reads as missing. Each item carries its version; a change of shape
 * bumps it and adds a migration here, which WXT runs before the first read.
 */

/**
 * Each item is defined on its first use: WXT reads an item from storage as soon
 * as it is defined, and a context that merely imports this module (the content
 * script, Node-side tests) must not read anything, least of all credentials.
 */
const onFirstUse = <T>(define: () => T): (() => T) => {
  let item: T | undefined;
  return () => {
    item ??= define();
    return item;
  };
};

/** The self-managed credit policy the options page edits; lib/credit/policy reads it, fail-closed. */
export const selfManagedPolicy = onFirstUse(() =>
  storage.defineItem<unknown>('local:policy', { version: 1, fallback: null }),
);

/** When this profile first read an organization's policy (see lib/credit/managed-policy). */
export interface ManagedSeen {
  /** When this profile first read a managed policy (ms). */
  since: number;
}

/** Once set, a vanished organization's policy turns credits off instead of handing control back. */
export const managedPolicySeen = onFirstUse(() =>
  storage.defineItem<ManagedSeen | null>('local:managedPolicySeen', {
    version: 1,
    fallback: null,
  }),
);

/** `url account` → the credit gateway's policy for that account and when it was read (lib/gateway/policy-cache). */
export const gatewayPolicies = onFirstUse(() =>
  storage.defineItem<unknown>('local:gatewayPolicies', { version: 1, fallback: null }),
);

/** The organization's policy: the whole managed area, one policy field per key (public/managed-schema.json). */
export const readManagedArea = (): Promise<Record<string, unknown>> => browser.storage.managed.get();

/** The options page's settings: `{ watchIntervalMinutes, notifications }`. */
export const settings = onFirstUse(() =>
  storage.defineItem<unknown>('local:settings', { version: 1, fallback: null }),
);

/** Account host → its API credential; only the background reads it (lib/transport/token). */
export const credentials = onFirstUse(() =>
  storage.defineItem<unknown>('local:credentials', { version: 1, fallback: null }),
);

/** Account host → the status its helpdesk refused the stored credential with. */
export const credentialRefusals = onFirstUse(() =>
  storage.defineItem<unknown>('local:credentialRefusals', {
    version: 1,
    fallback: null,
  }),
);

/** Account host → the pauses its helpdesk asked for (lib/transport/pause-store); the worker's restart keeps them. */
export const ratePauses = onFirstUse(() =>
  storage.defineItem<unknown>('session:ratePauses', { version: 1, fallback: null }),
);

/** Account host → the rep's own Zendesk OAuth connection; only extension pages and the background read it (lib/oauth/connections). */
export const oauthConnections = onFirstUse(() =>
  storage.defineItem<unknown>('local:oauthConnections', { version: 1, fallback: null }),
);

/** The sidebar dock's width and collapsed state, across tabs: `{ width, collapsed }`. */
export const dockState = onFirstUse(() =>
  storage.defineItem<unknown>('local:dock', { version: 1, fallback: null }),
);

/**
 * The head of the pin mirror in storage.sync; its chunks follow under `pins.1`,
 * `pins.2`, … and the whole set is written in one `set` (lib/followthrough/sync-mirror),
 * with the format's own version inside the head.
 */
export const pinMirror = onFirstUse(() =>
  storage.defineItem<unknown>('sync:pins', { version: 1, fallback: null }),
);

/**
 * The helpdesk hosts the rep added on the options page: `[{ host, account }]`. The
 * administrator's come from the managed policy's `helpdeskHosts`; lib/hosts checks both.
 */
export const repHelpdeskHosts = onFirstUse(() =>
  storage.defineItem<unknown>('local:helpdeskHosts', { version: 1, fallback: null }),
);

/** The managed policy's key for the administrator's helpdesk hosts (public/managed-schema.json). */
export const MANAGED_HOSTS_KEY = 'helpdeskHosts';

/** The administrator's helpdesk hosts as stored, unchecked; undefined without managed storage (Firefox without a policy). */
export async function readManagedHosts(): Promise<unknown> {
  try {
    return (await readManagedArea())[MANAGED_HOSTS_KEY];
  } catch {
    return undefined;
  }
}

/** The key an item has in its area, as `storage.onChanged` names it. */
export const areaKey = (item: () => { key: string }): string => {
  const { key } = item();
  return key.slice(key.indexOf(':') + 1);
};
