/**
 * The gateway's one view of Postgres, the same over embedded PGlite and a server (node-postgres),
 * so every query, migration and test runs unchanged on both.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with `$1…` parameters. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Several statements without parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one READ COMMITTED transaction on one connection: committed when it
   * resolves, rolled back when it throws. Callers that count before they insert take a row
   * lock first (`SELECT … FOR UPDATE`), which makes the count and the insert one step.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Postgres answers timestamptz as Date (both drivers); the wire wants ISO strings in UTC. */
export const isoOf = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
};

/**
 * bigint columns arrive as strings (pg) or bigint (PGlite); money here never passes 2^53,
 * and a value that does is a bug worth stopping on rather than rounding.
 */
export const minorOf = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer amount: ${String(value)}`);
  return n;
};
