import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../lib/helpdesks/http';
import type { Priority } from '../../../lib/transport/job-queue';
import { writesAsView } from '../../../lib/transport/write-priority';

describe('credit writes go at view priority (finding 8: the credit 45 s after the decision)', () => {
  it('a background client sends its writes as view and keeps its reads in the background', async () => {
    const sent: [string, Priority][] = [];
    const client = writesAsView(
      (priority) => async (request: HttpRequest) => {
        sent.push([request.method, priority]);
        return { status: 200, headers: {}, body: '{}' };
      },
      'background',
    );
    await client({ method: 'GET', path: '/api/v2/search.json' });
    await client({ method: 'PUT', path: '/api/v2/tickets/1.json', body: {} });
    await client({ method: 'PUT', path: '/api/v2/tickets/1/tags.json', body: {} });
    expect(sent).toEqual([
      ['GET', 'background'],
      ['PUT', 'view'],
      ['PUT', 'view'],
    ]);
  });
});
