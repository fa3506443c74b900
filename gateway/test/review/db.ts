import { migrate } from '../../src/store/migrate';
import { openPglite } from '../../src/store/pglite';

/** An in-memory Postgres migrated by the gateway's own migration run (001 onward). */
export async function migratedPglite() {
  const store = await openPglite();
  await migrate(store);
  return store;
}
