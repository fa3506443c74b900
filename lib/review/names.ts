import { accountAgents, knownCustomers, putAgents, putCustomers } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import type { AccountSource } from './source';

/**
 * Requests a load may spend on customer names: 20 show_many reads name 2,000
 * Zendesk customers, but only 20 Freshdesk ones (one contact a request). The
 * rest show their id and are named on later loads, as names get cached.
 */
export const NAME_REQUESTS = 20;

type Namer = (id: string) => string;
interface Named {
  id: string;
  name: string;
}

/**
 * Names from the cache, then (unless `cacheOnly`) from one `read` of the ids
 * it lacks, stored for next time. A failed read is not an error: names are a
 * nicety, and `fallback` shows the id.
 */
async function names<T extends Named>(
  cached: readonly T[],
  ids: readonly string[],
  cacheOnly: boolean,
  read: (missing: string[]) => Promise<T[]>,
  store: (fetched: T[]) => Promise<void>,
  fallback: Namer,
): Promise<Namer> {
  const known = new Map(cached.map((p) => [p.id, p.name]));
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length > 0 && !cacheOnly) {
    try {
      const fetched = await read(missing);
      await store(fetched);
      for (const p of fetched) known.set(p.id, p.name);
    } catch {
      // The ids still show.
    }
  }
  return (id) => known.get(id) ?? fallback(id);
}

export const agentNames = async (
  db: FrontlineDb,
  source: AccountSource,
  ids: readonly string[],
  now: number,
  cacheOnly = false,
): Promise<Namer> =>
  names(
    await accountAgents(db, source.account),
    ids,
    cacheOnly,
    (missing) => source.adapter.agents(source.client, source.account, missing),
    (fetched) => putAgents(db, fetched, now),
    (id) => `Agent ${id}`,
  );

/** Customers: at most NAME_REQUESTS batch reads, for the first ids missing. */
export const customerNames = async (
  db: FrontlineDb,
  source: AccountSource,
  ids: readonly string[],
  now: number,
  cacheOnly = false,
): Promise<Namer> => {
  const { perRequest, read } = source.adapter.customers;
  return names(
    await knownCustomers(db, source.account, [...new Set(ids)]),
    ids,
    cacheOnly,
    (missing) => read(source.client, source.account, missing.slice(0, NAME_REQUESTS * perRequest)),
    (fetched) => putCustomers(db, fetched, now),
    (id) => `Customer ${id}`,
  );
};
