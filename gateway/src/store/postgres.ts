import pg from 'pg';
import type { Queryable, Row, Store } from './store';

const wrap = (db: Pick<pg.Pool | pg.PoolClient, 'query'>): Queryable => ({
  async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
    const result = await db.query<T>(sql, [...params]);
    return { rows: result.rows };
  },
  async exec(sql: string) {
    await db.query(sql);
  },
});

/** A Postgres server by connection string (node-postgres pool). */
export async function openPostgres(connectionString: string, max = 10): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
