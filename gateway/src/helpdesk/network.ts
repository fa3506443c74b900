import { lookup as dnsLookup } from 'node:dns';
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { GatewayConfig } from '../config';
import type { HelpdeskFetch } from './client';

/**
 * The fetch the helpdesk clients use: Node's own, or, when the configuration names a private
 * CA or maps host names (an on-premises proxy, the test simulator), undici's with an Agent
 * that trusts that CA and resolves those names.
 */
export function helpdeskFetch(network: GatewayConfig['helpdeskNetwork']): HelpdeskFetch {
  if (!network?.caFile && !network?.resolve) return fetch;
  const ca = network.caFile ? [...rootCertificates, readFileSync(network.caFile, 'utf8')] : undefined;
  const resolve = network.resolve ?? {};
  const lookup: LookupFunction = (hostname, options, callback) => {
    const mapped = resolve[hostname];
    if (mapped === undefined) {
      dnsLookup(hostname, options, callback);
      return;
    }
    const family = mapped.includes(':') ? 6 : 4;
    // undici asks for every address (`all: true`) and then expects a list.
    if (options.all) callback(null, [{ address: mapped, family }]);
    else callback(null, mapped, family);
  };
  const dispatcher = new Agent({ connect: { ca, lookup } });
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
}
