import type { Client, HttpResponse } from '../helpdesks/http';

export interface CachedResponse {
  etag: string;
  response: HttpResponse;
}

export interface EtagCache {
  get(key: string): Promise<CachedResponse | undefined>;
  put(key: string, value: CachedResponse): Promise<void>;
}

/**
 * Conditional GETs, invisible to the adapters: send the ETag we hold, and on
 * 304 replay the body we stored with it. A 304 costs the helpdesk almost
 * nothing and tells the sync the ticket is unchanged.
 */
export function withEtags(client: Client, account: string, cache: EtagCache, onHit?: () => void): Client {
  return async (request, options) => {
    if (request.method !== 'GET') return client(request, options);
    const key = `${account}${request.path}`;
    const cached = await cache.get(key).catch(() => undefined);
    const response = await client(cached ? { ...request, ifNoneMatch: cached.etag } : request, options);
    if (response.status === 304 && cached) {
      onHit?.();
      return cached.response;
    }
    const etag = response.headers.etag;
    // Stored on the side: a first view's answer does not wait for a write to the database.
    if (response.status === 200 && etag) void cache.put(key, { etag, response }).catch(() => undefined);
    return response;
  };
}
