import { z } from 'zod';
import {
  type Client,
  HelpdeskError,
  type HelpdeskErrorKind,
  type HttpRequest,
  type HttpResponse,
} from './http';

/**
 * A JSON id. JSON.parse has already turned it into a float, so an id above 2^53 would
 * arrive rounded; such an id is refused as malformed rather than silently wrong. Real
 * ids today (6130907993114, 501012837977) are far below that.
 */
export const JsonId = z
  .number()
  .int()
  .nonnegative()
  .refine(Number.isSafeInteger, 'id above 2^53 cannot be read exactly')
  .transform(String);

/** ISO-8601 with a zone, normalized to UTC `…Z` so stored times sort as strings. */
export const JsonTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** `GET /api/v2/tickets/:id/audits`: the query dropped, ids and `.json` folded away. */
export function endpointName(method: string, path: string): string {
  const pathname = path.split(/[?#]/)[0] ?? '';
  const normalized = pathname.replace(/\.json$/, '').replace(/\/\d+(?=\/|$)/g, '/:id');
  return `${method} ${normalized}`;
}

const kindOfStatus = (status: number): HelpdeskErrorKind => {
  if (status === 401) return 'signed-out';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'invalid';
  // 1xx/3xx: nothing we asked for should answer that way.
  return 'server';
};

const MESSAGE_LIMIT = 300;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Zendesk 422 `details: {field: [{description}]}`; Freshdesk 400 `errors: [{field, message}]`. */
function detailsOf(json: Record<string, unknown>): string[] {
  const out: string[] = [];
  const details = record(json.details);
  if (details) {
    for (const list of Object.values(details)) {
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const d = str(record(item)?.description);
        if (d) out.push(d);
      }
    }
  }
  if (Array.isArray(json.errors)) {
    for (const item of json.errors) {
      const e = record(item);
      const text = str(e?.message) ?? str(e?.detail) ?? str(e?.title);
      if (!text) continue;
      const field = str(e?.field);
      out.push(field ? `${field}: ${text}` : text);
    }
  }
  return out;
}

/**
 * The helpdesk's own words, per helpdesk-apis.md §5.9: `description || message ||
 * error.title || text`. Zendesk's 401 `{"error":"Couldn't authenticate you"}` carries
 * its text in a string `error`, so that is tried before falling back to the raw body.
 */
export function helpdeskMessage(status: number, body: string): string {
  let main: string | null = null;
  let details: string[] = [];
  try {
    const json = record(JSON.parse(body));
    if (json) {
      main =
        str(json.description) ??
        str(json.message) ??
        str(record(json.error)?.title) ??
        str(record(json.error)?.message) ??
        str(json.error);
      details = detailsOf(json);
    }
  } catch {
    // Not JSON (Zendesk's 429 is text/plain): the text itself is the message.
  }
  const parts = main ? [main, ...details] : details.length > 0 ? details : [str(body) ?? `HTTP ${status}`];
  const text = parts.join(': ');
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text;
}

/** Said of a write the helpdesk refused again after the session transport renewed its CSRF token. */
export const AFTER_CSRF_RENEWAL = 'refused after renewing the session token';

export const statusError = (endpoint: string, response: HttpResponse): HelpdeskError => {
  const message = helpdeskMessage(response.status, response.body);
  return new HelpdeskError(
    kindOfStatus(response.status),
    endpoint,
    response.csrfRenewed ? `${message} (${AFTER_CSRF_RENEWAL})` : message,
    response.status,
  );
};

const fieldPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Runs `schema` on an already-parsed value; `prefix` is where that value sits in the body. */
export function parseValue<S extends z.ZodType>(
  schema: S,
  value: unknown,
  endpoint: string,
  status?: number,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [prefix, issue ? fieldPath(issue.path) : ''].filter(Boolean).join('.');
  throw new HelpdeskError(
    'malformed',
    endpoint,
    `${endpoint}: ${field || '(body)'}: ${issue?.message ?? 'invalid'}`,
    status,
    field,
  );
}

/** Runs `schema` on a JSON body; any failure names the endpoint and the first bad field. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  response: HttpResponse,
  endpoint: string,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw new HelpdeskError('malformed', endpoint, `${endpoint}: the answer is not JSON`, response.status);
  }
  return parseValue(schema, json, endpoint, response.status);
}

const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

/**
 * Runs one request; a non-2xx answer or a transport failure becomes a HelpdeskError.
 * Cancellation (AbortError) passes through untouched so callers can tell it from failure.
 */
export async function send(client: Client, request: HttpRequest): Promise<HttpResponse> {
  const endpoint = endpointName(request.method, request.path);
  let response: HttpResponse;
  try {
    response = await client(request);
  } catch (e) {
    if (e instanceof HelpdeskError || isAbort(e)) throw e;
    throw new HelpdeskError(
      'network',
      endpoint,
      `${endpoint}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (response.status < 200 || response.status > 299) throw statusError(endpoint, response);
  return response;
}

/** `send` then `parseBody`; returns the headers too (Freshdesk paginates through `Link`). */
export async function fetchJson<S extends z.ZodType>(
  client: Client,
  request: HttpRequest,
  schema: S,
): Promise<{ data: z.output<S>; headers: Record<string, string> }> {
  const response = await send(client, request);
  return {
    data: parseBody(schema, response, endpointName(request.method, request.path)),
    headers: response.headers,
  };
}

/** Ids go into request paths, so anything but digits is refused before a request is made. */
export function pathId(id: string, endpoint: string): string {
  if (!/^\d{1,20}$/.test(id)) throw new HelpdeskError('invalid', endpoint, `${endpoint}: not a numeric id`);
  return id;
}

/** Ids go back to the helpdesk as JSON numbers; past 2^53 they would change, so refuse. */
export function jsonId(id: string, endpoint: string): number {
  const n = Number(pathId(id, endpoint));
  if (!Number.isSafeInteger(n))
    throw new HelpdeskError('invalid', endpoint, `${endpoint}: id too large to send`);
  return n;
}
