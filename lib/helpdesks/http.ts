import { z } from 'zod';

/** A helpdesk API request, relative to the account's origin. `path` starts with `/api/`. */
export const HttpRequest = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  path: z.string().startsWith('/api/'),
  body: z.unknown().optional(),
  /** A cached ETag: the helpdesk answers 304 when nothing changed. */
  ifNoneMatch: z.string().optional(),
});
export type HttpRequest = z.infer<typeof HttpRequest>;

/** Only the headers the scheduler and the sync use travel back, lower-cased. */
export const HttpResponse = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /**
   * Set by the session transport when the write was first refused for what may be a stale
   * CSRF token, and this is the answer to the one retry with a renewed token.
   */
  csrfRenewed: z.literal(true).optional(),
});
export type HttpResponse = z.infer<typeof HttpResponse>;

/** Runs one request for one account, through whichever transport is available. */
export type Client = (request: HttpRequest, options?: { signal?: AbortSignal }) => Promise<HttpResponse>;

export type HelpdeskErrorKind =
  | 'network' // no answer: offline, DNS, reset, timeout
  | 'signed-out' // the helpdesk session ended (Zendesk anonymous user, 401)
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'conflict' // 409
  | 'invalid' // 400 / 422: the helpdesk refused what we sent
  | 'rate-limited' // 429 after the scheduler gave up waiting
  | 'server' // 5xx
  | 'malformed'; // the answer did not match the schema

/** Every failure of a helpdesk call becomes this, never a crash. */
export class HelpdeskError extends Error {
  constructor(
    readonly kind: HelpdeskErrorKind,
    /** e.g. `GET /api/v2/tickets/:id/audits` */
    readonly endpoint: string,
    message: string,
    readonly status?: number,
    /** for `malformed`: the JSON path that failed, e.g. `ticket.requester_id` */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HelpdeskError';
  }

  /** Permanent failures must not be retried (a grant's reservation is released). */
  get permanent(): boolean {
    return ['forbidden', 'not-found', 'invalid', 'malformed', 'signed-out'].includes(this.kind);
  }
}
