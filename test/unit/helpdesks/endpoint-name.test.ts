import { describe, expect, it } from 'vitest';
import { endpointName } from '../../../lib/helpdesks/parse';

describe('endpointName, as the scheduler and transports name a request', () => {
  it.each([
    ['GET', '/api/v2/tickets/123/audits.json?page[size]=100', 'GET /api/v2/tickets/:id/audits'],
    ['PUT', '/api/v2/tickets/98765432109.json', 'PUT /api/v2/tickets/:id'],
    ['GET', '/api/v2/search.json?query=requester:42', 'GET /api/v2/search'],
    ['POST', '/api/v2/tickets/7/notes', 'POST /api/v2/tickets/:id/notes'],
    ['GET', '/api/v2/users/me.json', 'GET /api/v2/users/me'],
  ] as const)('%s %s → %s', (method, path, expected) => {
    expect(endpointName(method, path)).toBe(expected);
  });
});
