import { z } from 'zod';
import {
  type ApprovalSubmission,
  GatewayAuthority,
  GatewayError,
  GatewayPolicy,
  type GrantSubmission,
  GrantVerdict,
} from './protocol';

/**
 * The extension's calls to the credit gateway (issue 19), over a `fetch` it is given (the
 * worker's; a fake in tests). Every answer is parsed with the wire contract (protocol.ts):
 * an answer that does not parse is the gateway's fault and is never guessed at.
 */

const TIMEOUT_MS = 20_000;

/** Worth trying again later: no answer, a 429, a 5xx (the gateway's 503 says its helpdesk or store is down). */
export class GatewayUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'GatewayUnavailable';
  }
}

/** The gateway refused the request itself (4xx), or answered something the contract does not allow. */
export class GatewayRejected extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayRejected';
  }
}

/** `https://credits.acme.com/` + `/v1/…`, whether or not the configured URL ends in a slash. */
export const gatewayUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;

const retryAfter = (response: Response, body: unknown): number | null => {
  const parsed = GatewayError.safeParse(body);
  if (parsed.success && parsed.data.retryAfterSeconds !== undefined) return parsed.data.retryAfterSeconds;
  const header = Number(response.headers.get('Retry-After'));
  return Number.isFinite(header) && header >= 0 ? header : null;
};

const readJson = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
};

async function call<T>(
  fetchFn: typeof fetch,
  url: string,
  schema: z.ZodType<T>,
  init: { method: 'GET' } | { method: 'POST'; body: unknown },
): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: init.method,
      headers: init.method === 'POST' ? { 'Content-Type': 'application/json' } : {},
      ...(init.method === 'POST' ? { body: JSON.stringify(init.body) } : {}),
      // The gateway believes nothing the browser says, so it is sent nothing it did not ask for.
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new GatewayUnavailable('The credit gateway could not be reached');
  }
  const body = await readJson(response);
  if (response.status === 429 || response.status >= 500) {
    throw new GatewayUnavailable(
      `The credit gateway is unavailable (${response.status})`,
      retryAfter(response, body),
    );
  }
  if (!response.ok) {
    const error = GatewayError.safeParse(body);
    throw new GatewayRejected(
      response.status,
      error.success
        ? `The credit gateway refused the request (${response.status}): ${error.data.message}`
        : `The credit gateway refused the request (${response.status})`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new GatewayRejected(response.status, 'The credit gateway answered something unreadable');
  return parsed.data;
}

export const fetchGatewayPolicy = (fetchFn: typeof fetch, base: string, account: string) =>
  call(fetchFn, gatewayUrl(base, `/v1/accounts/${encodeURIComponent(account)}/policy`), GatewayPolicy, {
    method: 'GET',
  });

export const submitGrant = (fetchFn: typeof fetch, base: string, submission: GrantSubmission) =>
  call(fetchFn, gatewayUrl(base, '/v1/grants'), GrantVerdict, { method: 'POST', body: submission });

/** The gateway answers 2xx once it has read the request's note; its body does not matter to the extension. */
export const submitApprovalRequest = async (
  fetchFn: typeof fetch,
  base: string,
  submission: ApprovalSubmission,
): Promise<void> => {
  await call(fetchFn, gatewayUrl(base, '/v1/approval-requests'), z.unknown(), {
    method: 'POST',
    body: submission,
  });
};

export const fetchGatewayAuthority = (
  fetchFn: typeof fetch,
  base: string,
  account: string,
  agentId: string,
  customerId: string | null,
) =>
  call(
    fetchFn,
    gatewayUrl(
      base,
      `/v1/accounts/${encodeURIComponent(account)}/agents/${encodeURIComponent(agentId)}/authority${
        customerId === null ? '' : `?customer=${encodeURIComponent(customerId)}`
      }`,
    ),
    GatewayAuthority,
    { method: 'GET' },
  );
