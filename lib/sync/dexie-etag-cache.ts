import type { FrontlineDb } from '../db/schema';
import { estimateBytes } from '../db/size';
import type { EtagCache } from './etag-client';

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
