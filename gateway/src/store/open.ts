import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Store } from './store';

export type DatabaseConfig = { url: string; poolSize?: number } | { dataDir?: string };

/** A connection string means a server; otherwise embedded PGlite (in memory without a data folder). */
export const openStore = (config: DatabaseConfig): Promise<Store> =>
  'url' in config ? openPostgres(config.url, config.poolSize) : openPglite(config.dataDir);
