import type { EtagCache } from '../sync/etag-client';
import type { FrontlineDb } from './schema';
import { estimateBytes } from './size';

/** Stored answers for conditional GETs, in the `responses` table (evicted with the rest). */
export function dexieEtagCache(db: FrontlineDb, now: () => number = Date.now): EtagCache {
  return {
    async get(key) {
      const row = await db.responses.get(key);
      return row ? { etag: row.etag, response: row.response } : undefined;
    },
    async put(key, { etag, response }) {
      await db.responses.put({ key, etag, storedAt: now(), bytes: estimateBytes(response), response });
    },
  };
}
