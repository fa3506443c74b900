import { canonicalUrl } from '../domain/custom-host';
import type { HelpdeskKind } from '../helpdesks/registry';
import { matchTicket } from '../helpdesks/registry';

/**
 * The background's view of the custom hosts in force: configured, granted and with their
 * content script registered. Sender checks are synchronous, so this lives in memory; it is
 * rebuilt from storage, permissions and the registered scripts at every worker start
 * (lib/hosts/runtime.ts), and `ready` lets ports that arrive before that wait.
 */
export function createHostTable() {
  let active = new Map<string, string>();
  let done = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  return {
    ready,
    done: () => done,
    /** The canonical account of an active custom host, or null (never granted, revoked, removed, unknown). */
    accountOf: (host: string): string | null => active.get(host.toLowerCase()) ?? null,
    /** The ticket a page on an active custom host shows, named by its canonical account. */
    matchTicket(url: string): { helpdesk: HelpdeskKind; account: string; id: string } | null {
      for (const [host, account] of active) {
        const canonical = canonicalUrl(url, { host, account });
        if (canonical) return matchTicket(canonical);
      }
      return null;
    },
    set(next: ReadonlyMap<string, string>) {
      active = new Map(next);
      done = true;
      markReady();
    },
    /** A permission the rep revoked ends its host at once, before the scripts are unregistered. */
    revoke(hosts: readonly string[]) {
      for (const host of hosts) active.delete(host);
    },
  };
}

export type HostTable = ReturnType<typeof createHostTable>;
