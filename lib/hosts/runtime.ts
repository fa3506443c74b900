import { browser } from 'wxt/browser';
import { configuredHosts, hostOfOrigin } from '../domain/custom-host';
import { readManagedHosts, repHelpdeskHosts } from '../storage/items';
import { planScripts } from './plan';
import type { HostTable } from './table';

/** The files the manifest's content script runs: a custom host runs the very same script. */
const contentFiles = (): string[] =>
  (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.js ?? []);

/**
 * Keeps the registered content scripts in step with the configured hosts the rep granted,
 * and the table with what is registered. Runs at every worker start (a browser update can
 * drop dynamic scripts), and whenever the hosts or the permissions change.
 */
export function createHostRuntime(table: HostTable) {
  const apply = async () => {
    const [admin, rep, permissions, registered] = await Promise.all([
      readManagedHosts(),
      repHelpdeskHosts().getValue(),
      browser.permissions.getAll(),
      browser.scripting.getRegisteredContentScripts(),
    ]);
    const plan = planScripts(configuredHosts(admin, rep).hosts, permissions.origins ?? [], registered);
    if (plan.unregister.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: plan.unregister });
    const failed = new Set<string>();
    for (const script of plan.register) {
      try {
        await browser.scripting.registerContentScripts([
          {
            id: script.id,
            matches: script.matches,
            js: contentFiles(),
            runAt: 'document_idle',
            persistAcrossSessions: true,
          },
        ]);
      } catch {
        // One host the browser refuses (a pattern it rejects) must not keep the others from running.
        failed.add(script.host);
      }
    }
    table.set(new Map([...plan.active].filter(([host]) => !failed.has(host))));
  };

  let chain: Promise<void> = Promise.resolve();
  /** One pass at a time: a storage change and a permission change often come together. */
  const reconcile = (): Promise<void> => {
    chain = chain.then(apply).catch(() => {
      // The scripts are in an unknown state: no custom host counts until a later pass succeeds.
      table.set(new Map());
    });
    return chain;
  };

  return {
    reconcile,
    /** `permissions.onRemoved`: those hosts stop counting now, and their scripts go. */
    revoked(origins: readonly string[]) {
      table.revoke(origins.map(hostOfOrigin).filter((host) => host !== null));
      return reconcile();
    },
  };
}
