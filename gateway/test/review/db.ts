import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Row, Sql, SqlStore } from '../../src/review/sql';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

const wrap = (db: Pick<PGlite, 'query'>): Sql => ({
  async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
    return { rows: (await db.query<T>(sql, [...params])).rows };
  },
});

/** An in-memory Postgres with every migration of gateway/migrations run in order. */
export async function migratedPglite(): Promise<
  SqlStore & { close(): Promise<void>; exec(sql: string): Promise<void> }
> {
  const db = await PGlite.create();
  for (const file of (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql')).sort()) {
    await db.exec(await readFile(`${MIGRATIONS}${file}`, 'utf8'));
  }
  return {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}
