import type { HelpdeskAdapter } from './adapter';
import { freshdeskAdapter } from './freshdesk';
import { type HelpdeskKind, kindOfHost } from './registry';
import { zendeskAdapter } from './zendesk';

/** Every registered platform's API part: the type makes a platform without one a compile error. */
const ADAPTERS: { readonly [K in HelpdeskKind]: HelpdeskAdapter<K> } = {
  zendesk: zendeskAdapter,
  freshdesk: freshdeskAdapter,
};

export const adapterFor = (kind: HelpdeskKind): HelpdeskAdapter => ADAPTERS[kind];

export function adapterForHost(host: string): HelpdeskAdapter | null {
  const kind = kindOfHost(host);
  return kind ? ADAPTERS[kind] : null;
}
