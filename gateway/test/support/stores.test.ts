import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, storeKindsFromEnv, testStores, withDatabase } from './stores';

const stores = testStores();

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('testStores', () => {
  it('runs on both stores unless told otherwise', () => {
    expect(storeKindsFromEnv(undefined)).toEqual(['pglite', 'postgres']);
    expect(storeKindsFromEnv('pglite')).toEqual(['pglite']);
    expect(() => storeKindsFromEnv('pglite,mysql')).toThrow(/FRONTLINE_TEST_STORES/);
    expect(STORE_KINDS).toContain('postgres');
  });

  it('gives each Postgres test its own empty database on the test server, dropped afterwards', async () => {
    const first = await stores.fresh('postgres');
    const second = await stores.fresh('postgres', { poolSize: 4 });
    if (!('url' in first.database) || !('url' in second.database)) throw new Error('expected urls');
    expect(second.database.poolSize).toBe(4);
    expect(first.database.url).not.toBe(second.database.url);

    await query(first.database.url, 'create table grants (amount bigint)');
    const inSecond = await query<{ n: string }>(
      second.database.url,
      "select count(*) as n from pg_tables where tablename = 'grants'",
    );
    expect(inSecond[0]?.n).toBe('0');

    const name = new URL(first.database.url).pathname.slice(1);
    await first.drop();
    await first.drop();
    const left = await query<{ datname: string }>(
      await stores.serverUrl(),
      `select datname from pg_database where datname = '${name}'`,
    );
    expect(left).toEqual([]);
    await second.drop();
  }, 60_000);

  it('gives PGlite memory, or a folder it deletes when asked to persist', async () => {
    expect((await stores.fresh('pglite')).database).toEqual({});
    const persistent = await stores.fresh('pglite', { persistent: true });
    const folder = 'dataDir' in persistent.database ? persistent.database.dataDir : undefined;
    expect(folder && existsSync(folder)).toBe(true);
    await persistent.drop();
    expect(existsSync(folder as string)).toBe(false);
  });

  it('swaps the database of a connection string', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5999/postgres', 'gw_test_1')).toBe(
      'postgres://postgres@127.0.0.1:5999/gw_test_1',
    );
  });
});
