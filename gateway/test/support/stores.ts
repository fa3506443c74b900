import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { type PostgresServer, startPostgresServer } from './postgres-server';

/**
 * The stores a gateway test runs on (issue 19: "the gateway's tests run against both PGlite
 * and the real Postgres server"). A test file calls `testStores()` once at its top level and
 * runs its store-touching tests over `stores.kinds` with `describe.each`; each test takes a
 * fresh, empty database from `stores.fresh(kind)` and gives it to the gateway's configuration
 * (`database`). The Postgres server is started the first time a file asks for one and stopped
 * after that file.
 *
 * `FRONTLINE_TEST_STORES=pglite` runs only on PGlite (a laptop without Postgres; CI runs
 * both). `FRONTLINE_TEST_POSTGRES_URL` points the `postgres` runs at a server of your own
 * (e.g. compose.yaml's) instead of starting one: each test still gets its own database.
 */
export type StoreKind = 'pglite' | 'postgres';

export const STORE_KINDS: readonly StoreKind[] = ['pglite', 'postgres'];

/** The gateway configuration's `database` (gateway/src/config.ts). */
export type TestDatabaseConfig = { url: string; poolSize?: number } | { dataDir?: string };

export interface TestDatabase {
  kind: StoreKind;
  database: TestDatabaseConfig;
  /** Drops the database (Postgres, ending its sessions) or deletes PGlite's folder. */
  drop(): Promise<void>;
}

export interface FreshOptions {
  /**
   * PGlite in a data folder instead of memory, so a gateway closed and started again on the
   * same `database` finds its ledger (a Postgres database always persists until dropped).
   */
  persistent?: boolean;
  poolSize?: number;
}

export interface TestStores {
  kinds: readonly StoreKind[];
  fresh(kind: StoreKind, options?: FreshOptions): Promise<TestDatabase>;
  /** The Postgres server's admin URL (database `postgres`), started if need be: for SQL checks across databases. */
  serverUrl(): Promise<string>;
}

export function storeKindsFromEnv(value = process.env.FRONTLINE_TEST_STORES): readonly StoreKind[] {
  if (!value) return STORE_KINDS;
  const asked = value.split(',').map((k) => k.trim());
  const unknown = asked.filter((k) => !STORE_KINDS.includes(k as StoreKind));
  if (unknown.length || asked.length === 0)
    throw new Error(`FRONTLINE_TEST_STORES must list pglite and/or postgres, not "${value}"`);
  return asked as StoreKind[];
}

/** A database name Postgres accepts unquoted and no other test picks. */
const databaseName = (): string => `gw_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;

/** Swaps the database of a connection string: `postgres://u@h:p/postgres` → `…/NAME`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function testStores(kinds: readonly StoreKind[] = storeKindsFromEnv()): TestStores {
  let server: Promise<PostgresServer> | null = null;
  const leftovers = new Set<TestDatabase>();

  const serverUrl = async (): Promise<string> => {
    const own = process.env.FRONTLINE_TEST_POSTGRES_URL;
    if (own) return own;
    server ??= startPostgresServer({ settings: { max_connections: '300' } });
    return (await server).url;
  };

  afterAll(async () => {
    for (const database of leftovers) await database.drop();
    if (server) await (await server).stop();
  });

  const fresh = async (kind: StoreKind, options: FreshOptions = {}): Promise<TestDatabase> => {
    let database: TestDatabase;
    if (kind === 'pglite') {
      const folder = options.persistent ? mkdtempSync(join(tmpdir(), 'frontline-pglite-')) : null;
      database = {
        kind,
        database: folder ? { dataDir: folder } : {},
        drop: async () => {
          leftovers.delete(database);
          if (folder) rmSync(folder, { recursive: true, force: true });
        },
      };
    } else {
      const admin = await serverUrl();
      const name = databaseName();
      await adminQuery(admin, `CREATE DATABASE ${name}`);
      const url = withDatabase(admin, name);
      database = {
        kind,
        database: options.poolSize ? { url, poolSize: options.poolSize } : { url },
        drop: async () => {
          if (!leftovers.delete(database)) return;
          await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    }
    leftovers.add(database);
    return database;
  };

  return { kinds, fresh, serverUrl };
}
