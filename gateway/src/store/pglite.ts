import { PGlite } from '@electric-sql/pglite';
import type { Queryable, Row, Store } from './store';

const wrap = (db: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
  async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
    const result = await db.query<T>(sql, [...params]);
    return { rows: result.rows };
  },
  async exec(sql: string) {
    await db.exec(sql);
  },
});

/**
 * Embedded Postgres (WASM): in memory without `dataDir`, else in that folder, so a restarted
 * gateway finds its ledger. One connection: PGlite runs one transaction at a time, which
 * serialises grants by itself; the row locks still matter on a server.
 */
export async function openPglite(dataDir?: string): Promise<Store> {
  const db = await PGlite.create(dataDir === undefined ? undefined : { dataDir });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}
