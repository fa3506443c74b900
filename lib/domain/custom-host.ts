import { type HelpdeskKind, platformOfHost, platforms } from '../helpdesks/registry';

/*
 * Helpdesk hosts of the customer's own (a CNAME such as `support.acme.com` for the
 * account `acme.freshdesk.com`): the rules every entry passes, whoever added it. Pure and
 * zod-free: the options page, the content script and the background all use them.
 */

/** A host of the customer's own and the canonical account it serves. */
export interface CustomHost {
  readonly host: string;
  readonly account: string;
}

/** Who added a host: the administrator's managed policy, or the rep on the options page. */
export type HostSource = 'admin' | 'rep';

export interface ConfiguredHost extends CustomHost {
  readonly by: HostSource;
  readonly kind: HelpdeskKind;
}

/** Each host is one permission and one registered script: a short list keeps both reviewable. */
export const MAX_HOSTS = 20;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The domains Frontline already runs on (`*.x.com` → `x.com`): nothing under them needs adding. */
const platformDomains = (): string[] =>
  platforms().flatMap((p) => p.origins.map((origin) => new URL(origin.replace('*.', '')).hostname));

const exampleAccount = (): string =>
  platforms()
    .filter((p) => p.customHosts)
    .map((p) => p.accountOf('acme'))
    .join(' or ');

/** `support.acme.com`, `https://support.acme.com` or `…/`: the host name in lower case, or why not. */
function readHostName(input: unknown): string | { error: string } {
  if (typeof input !== 'string') return { error: 'The host must be a host name such as support.acme.com.' };
  const text = input.trim().toLowerCase();
  if (text.startsWith('http://')) return { error: 'Only https hosts: Frontline runs only on https pages.' };
  const host = text.replace(/^https:\/\//, '').replace(/\/$/, '');
  // A wildcard would let every host under a company's domain (its intranet, its shop) run Frontline.
  if (host.includes('*')) return { error: 'No wildcards: add each host your agents open.' };
  if (/[/:@?#\s]/.test(host))
    return { error: 'A host name only, such as support.acme.com: no path or port.' };
  const labels = host.split('.');
  const valid =
    host.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1) ?? '');
  return valid ? host : { error: `${host || 'An empty host'} is not a valid host name.` };
}

/** One entry checked: the host and the account it serves, or a message saying what is wrong. */
export function checkCustomHost(
  host: unknown,
  account: unknown,
): (CustomHost & { kind: HelpdeskKind }) | { error: string } {
  const name = readHostName(host);
  if (typeof name !== 'string') return name;
  if (platformDomains().some((domain) => name === domain || name.endsWith(`.${domain}`)))
    return { error: `Frontline already runs on ${name}: there is nothing to add.` };
  const canonical = typeof account === 'string' ? account.trim().toLowerCase() : '';
  const platform = platformOfHost(canonical);
  if (!platform) return { error: `The account must be a helpdesk account such as ${exampleAccount()}.` };
  if (!platform.customHosts)
    return { error: `${platform.name} agents stay on ${canonical}: there is nothing to add.` };
  return { host: name, account: canonical, kind: platform.kind };
}

/** A list as stored (the policy's or the rep's): its valid entries, and one message per entry left out. */
export function readHostList(raw: unknown, by: HostSource): { hosts: ConfiguredHost[]; problems: string[] } {
  const hosts: ConfiguredHost[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { hosts, problems };
  if (!Array.isArray(raw)) return { hosts, problems: ['The host list is not a list.'] };
  for (const entry of raw) {
    const fields = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const checked = checkCustomHost(fields.host, fields.account);
    if ('error' in checked) problems.push(checked.error);
    else if (hosts.some((h) => h.host === checked.host)) problems.push(`${checked.host} is listed twice.`);
    else if (hosts.length >= MAX_HOSTS)
      problems.push(`At most ${MAX_HOSTS} hosts: ${checked.host} is left out.`);
    else hosts.push({ ...checked, by });
  }
  return { hosts, problems };
}

/** The administrator's hosts, then the rep's that the administrator did not set (the policy wins). */
export function configuredHosts(
  admin: unknown,
  rep: unknown,
): { hosts: ConfiguredHost[]; problems: string[] } {
  const fromAdmin = readHostList(admin, 'admin');
  const fromRep = readHostList(rep, 'rep');
  const taken = new Set(fromAdmin.hosts.map((h) => h.host));
  return {
    hosts: [...fromAdmin.hosts, ...fromRep.hosts.filter((h) => !taken.has(h.host))],
    problems: [...fromAdmin.problems.map((p) => `Policy: ${p}`), ...fromRep.problems],
  };
}

/** The optional host permission a host needs (`https://support.acme.com/*`). */
export const hostOrigin = (host: string): string => `https://${host}/*`;

/** The host an origin pattern grants, when it grants exactly one https host. */
export function hostOfOrigin(origin: string): string | null {
  const host = /^https:\/\/([a-z0-9.-]+)\/\*$/.exec(origin)?.[1];
  return host ?? null;
}

/** The page patterns of a helpdesk moved to `host`: its agent pages, on that host only. */
export const pagesOn = (host: string, pages: readonly string[]): string[] =>
  pages.map((pattern) => pattern.replace(/^https:\/\/[^/]+/, `https://${host}`));

/**
 * The URL the canonical account shows for a page on a custom host (`https://support.acme.com/a/tickets/7`
 * → `https://acme.freshdesk.com/a/tickets/7`), so the helpdesk's own matcher reads it; null elsewhere.
 */
export function canonicalUrl(url: string, host: CustomHost): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.hostname !== host.host) return null;
    parsed.hostname = host.account;
    return parsed.href;
  } catch {
    return null;
  }
}
