import { type ConfiguredHost, hostOfOrigin, pagesOn } from '../domain/custom-host';
import { pageOf } from '../helpdesks/registry';

/** The id of the content script registered for a custom host: Frontline's own ids all start so. */
export const SCRIPT_PREFIX = 'frontline-host:';

export interface RegisteredScript {
  id: string;
  matches?: string[];
}

export interface PlannedScript {
  id: string;
  host: string;
  matches: string[];
}

export interface HostPlan {
  register: PlannedScript[];
  unregister: string[];
  /** Host → canonical account, for every host that is configured and granted (its script in place once the plan ran). */
  active: Map<string, string>;
}

const sameMatches = (a: readonly string[] = [], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((pattern, i) => pattern === [...b].sort()[i]);

/**
 * What to register and unregister so that exactly the configured hosts the rep granted run
 * the content script: a host without its permission (never granted, or revoked) runs
 * nothing, and a removed one stops. Scripts that are not Frontline's custom-host scripts
 * are left alone.
 */
export function planScripts(
  configured: readonly ConfiguredHost[],
  grantedOrigins: readonly string[],
  registered: readonly RegisteredScript[],
): HostPlan {
  const granted = new Set(grantedOrigins.map(hostOfOrigin).filter((host) => host !== null));
  const wanted = configured
    .filter((entry) => granted.has(entry.host))
    .map((entry) => ({
      id: `${SCRIPT_PREFIX}${entry.host}`,
      host: entry.host,
      matches: pagesOn(entry.host, pageOf(entry.kind).pages),
      account: entry.account,
    }));
  const ours = registered.filter((script) => script.id.startsWith(SCRIPT_PREFIX));
  const current = (id: string) => ours.find((script) => script.id === id);
  const stale = ours.filter((script) => {
    const want = wanted.find((w) => w.id === script.id);
    return !want || !sameMatches(script.matches, want.matches);
  });
  return {
    register: wanted
      .filter((w) => !current(w.id) || stale.some((s) => s.id === w.id))
      .map(({ id, host, matches }) => ({ id, host, matches })),
    unregister: stale.map((script) => script.id),
    active: new Map(wanted.map((w) => [w.host, w.account])),
  };
}
