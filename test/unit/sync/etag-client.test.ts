import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../../lib/helpdesks/http';
import { type CachedResponse, withEtags } from '../../../lib/sync/etag-client';

const memoryCache = () => {
  const map = new Map<string, CachedResponse>();
  return {
    map,
    get: async (key: string) => map.get(key),
    put: async (key: string, value: CachedResponse) => void map.set(key, value),
  };
};

describe('withEtags', () => {
  it('sends the stored ETag and replays the stored body on 304', async () => {
    const sent: HttpRequest[] = [];
    const answers: HttpResponse[] = [
      { status: 200, headers: { etag: 'W/"1"' }, body: '{"v":1}' },
      { status: 304, headers: {}, body: '' },
    ];
    const cache = memoryCache();
    let hits = 0;
    const client = withEtags(
      async (request) => {
        sent.push(request);
        return answers.shift()!;
      },
      'acme.zendesk.com',
      cache,
      () => hits++,
    );
    const request: HttpRequest = { method: 'GET', path: '/api/v2/tickets/1.json' };
    expect((await client(request)).body).toBe('{"v":1}');
    expect(sent[0]?.ifNoneMatch).toBeUndefined();
    const second = await client(request);
    expect(sent[1]?.ifNoneMatch).toBe('W/"1"');
    expect(second).toEqual({ status: 200, headers: { etag: 'W/"1"' }, body: '{"v":1}' });
    expect(hits).toBe(1);
  });

  it('never caches writes or failures', async () => {
    const cache = memoryCache();
    const client = withEtags(
      async (request) => ({
        status: request.method === 'GET' ? 500 : 200,
        headers: { etag: '"x"' },
        body: '',
      }),
      'a',
      cache,
    );
    await client({ method: 'PUT', path: '/api/v2/tickets/1.json', body: {} });
    await client({ method: 'GET', path: '/api/v2/tickets/1.json' });
    expect(cache.map.size).toBe(0);
  });
});
