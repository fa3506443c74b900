import type { HttpRequest } from '../helpdesks/http';

/**
 * The endpoint a HelpdeskError names: method and path with ids and the query
 * removed, e.g. `GET /api/v2/tickets/:id/audits`, so errors group by endpoint and
 * never carry a customer's search terms.
 */
export function endpointOf(request: HttpRequest): string {
  const path = request.path
    .split('?')[0]!
    .replace(/\.json$/, '')
    .replace(/\/\d+(?=\/|$)/g, '/:id');
  return `${request.method} ${path}`;
}
