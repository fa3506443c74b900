import { accountAgents, knownCustomers, putAgents, putCustomers } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import type { AccountSource } from './rebuild';

/**
 * Requests a load may spend on customer names: 20 show_many reads name 2,000
 * Zendesk customers, but only 20 Freshdesk ones (one contact a request). The
 * rest show their id and are named on later loads, as names get cached.
 */
export const NAME_REQUESTS = 20;

type Namer = (id: string) => string;

/** Names for agent ids, from the cache; unless `cacheOnly`, ids it does not know are asked of the helpdesk once. */
export async function agentNames(
  db: FrontlineDb,
  source: AccountSource,
  ids: readonly string[],
  now: number,
  cacheOnly = false,
): Promise<Namer> {
  const known = new Map((await accountAgents(db, source.account)).map((a) => [a.id, a.name]));
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length > 0 && !cacheOnly) {
    try {
      const fetched = await source.adapter.agents(source.client, source.account, missing);
      await putAgents(db, fetched, now);
      for (const agent of fetched) known.set(agent.id, agent.name);
    } catch {
      // Names are a nicety: the ids still show.
    }
  }
  return (id) => known.get(id) ?? `Agent ${id}`;
}

/** Names for customer ids: the cache, then (unless `cacheOnly`) at most NAME_REQUESTS batch reads for the first ids missing. */
export async function customerNames(
  db: FrontlineDb,
  source: AccountSource,
  ids: readonly string[],
  now: number,
  cacheOnly = false,
): Promise<Namer> {
  const unique = [...new Set(ids)];
  const known = new Map((await knownCustomers(db, source.account, unique)).map((c) => [c.id, c.name]));
  const { perRequest, read } = source.adapter.customers;
  const missing = unique.filter((id) => !known.has(id)).slice(0, NAME_REQUESTS * perRequest);
  if (missing.length > 0 && !cacheOnly) {
    try {
      const fetched = await read(source.client, source.account, missing);
      await putCustomers(db, fetched, now);
      for (const customer of fetched) known.set(customer.id, customer.name);
    } catch {
      // As with agents: the ids still show.
    }
  }
  return (id) => known.get(id) ?? `Customer ${id}`;
}
