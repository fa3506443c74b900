import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Umzug, type UmzugStorage } from 'umzug';
import type { Queryable, Store } from './store';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Umzug's record of what ran, in the database it migrates (so both drivers share one tool). */
const storageOver = (db: Queryable): UmzugStorage => ({
  async executed() {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM gateway_migrations ORDER BY name');
    return rows.map((r) => r.name);
  },
  async logMigration({ name }) {
    await db.query('INSERT INTO gateway_migrations (name) VALUES ($1)', [name]);
  },
  async unlogMigration({ name }) {
    await db.query('DELETE FROM gateway_migrations WHERE name = $1', [name]);
  },
});

/** An arbitrary constant: two gateways starting on one server migrate one after the other. */
const MIGRATION_LOCK = 19_001;

/**
 * Runs the numbered SQL files of `gateway/migrations/` not run yet, in name order, all in
 * one transaction: a failed file leaves the schema as it was.
 */
export async function migrate(store: Store, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS gateway_migrations (name text PRIMARY KEY, run_at timestamptz NOT NULL DEFAULT now())',
    );
    const umzug = new Umzug({
      migrations: files.map((name) => ({
        name,
        up: async () => tx.exec(await readFile(join(dir, name), 'utf8')),
      })),
      storage: storageOver(tx),
      logger: undefined,
    });
    const ran = await umzug.up();
    return ran.map((m) => m.name);
  });
}
