/**
 * The part of gw-core's Store (gateway/src/store/store.ts) the review uses: structurally the
 * same, so the review runs on PGlite and node-postgres alike.
 */
export type Row = Record<string, unknown>;
export interface Sql {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}
export interface SqlStore extends Sql {
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/** timestamptz comes back as Date from both drivers; the wire wants ISO strings in UTC. */
export const iso = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

export const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : iso(value);

/**
 * bigint sums come back as strings (node-postgres) or bigint (PGlite): amounts are minor
 * units, and one past 2^53 would be a corrupt ledger, so it throws rather than rounds.
 */
export function minor(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`amount ${String(value)} is not a safe integer of minor units`);
  return n;
}
