import type { PeriodBounds } from '../credit/period';
import { isManagerErrorCode } from '../domain/gateway-codes';
import { gatewayUrl } from '../gateway/client';
import { GatewayApproval, GatewayError, GatewayReview } from '../gateway/protocol';
import { type HelpdeskKind, platformOf } from '../helpdesks/registry';
import { Refused } from './failure';

/**
 * The review's calls to the credit gateway (issue 19): the period in one request, an
 * approver's decision. They carry the manager's own helpdesk credential, which the gateway
 * checks with the helpdesk; only the background makes them, so the credential never
 * reaches a page. Every answer is parsed with the wire contract.
 */

const TIMEOUT_MS = 60_000;

/** The credential the extension holds for an account, as the helpdesk wants it in `Authorization`. */
export interface HeldCredential {
  /** The rep's OAuth access token (lib/oauth), preferred as the token transport does. */
  bearer: string | null;
  /** The stored API credential's fields (lib/transport/token.ts TokenCredential). */
  token: (Readonly<Record<string, string>> & { helpdesk: HelpdeskKind }) | null;
}

const basic = (user: string, secret: string): string => {
  const bytes = new TextEncoder().encode(`${user}:${secret}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
};

/** The `Authorization` header for the gateway's manager routes, or null: the extension holds none. */
export function managerAuthorization(held: HeldCredential): string | null {
  if (held.bearer) return `Bearer ${held.bearer}`;
  if (held.token) return basic(...platformOf(held.token.helpdesk).credential.basicAuth(held.token));
  return null;
}

export const noCredential = (account: string): Refused =>
  new Refused(
    `${account}: the credit gateway checks who you are with the helpdesk; connect ${account} or save its API key in the options.`,
    { why: 'no-credential', account },
  );

/** A non-2xx answer: the gateway's code when this build knows it, and its English either way. */
function refusedBy(status: number, body: unknown): Refused {
  const error = GatewayError.safeParse(body);
  if (!error.success) {
    return new Refused(`The credit gateway answered ${status}`, {
      why: 'gateway-refused',
      status,
      code: null,
      detail: '',
    });
  }
  const { error: code, message } = error.data;
  return new Refused(`The credit gateway answered ${status}: ${message}`, {
    why: 'gateway-refused',
    status,
    code: isManagerErrorCode(code) ? code : null,
    detail: message,
  });
}

async function call<T>(
  fetchFn: typeof fetch,
  url: string,
  authorization: string,
  parse: (body: unknown) => T,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: authorization,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new Refused('The credit gateway could not be reached', { why: 'gateway-unreachable' });
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw refusedBy(response.status, json);
  return parse(json);
}

const readable = <T>(parsed: { success: true; data: T } | { success: false }): T => {
  if (!parsed.success) {
    throw new Refused('The credit gateway answered something unreadable', { why: 'gateway-unreadable' });
  }
  return parsed.data;
};

/** `GET /v1/accounts/:account/review?from&until`: the whole period of one account, one request. */
export const fetchGatewayReview = (
  fetchFn: typeof fetch,
  base: string,
  account: string,
  authorization: string,
  bounds: Pick<PeriodBounds, 'start' | 'end'>,
): Promise<GatewayReview> => {
  const query = new URLSearchParams({
    from: new Date(bounds.start).toISOString(),
    until: new Date(bounds.end).toISOString(),
  });
  const url = gatewayUrl(base, `/v1/accounts/${encodeURIComponent(account)}/review?${query}`);
  return call(fetchFn, url, authorization, (body) => readable(GatewayReview.safeParse(body)));
};

/** `POST …/approvals/:id/decision`: the gateway holds one decision per request, never the asker's. */
export const decideAtGateway = (
  fetchFn: typeof fetch,
  base: string,
  account: string,
  requestId: string,
  decision: 'approve' | 'decline',
  authorization: string,
): Promise<GatewayApproval> => {
  const url = gatewayUrl(
    base,
    `/v1/accounts/${encodeURIComponent(account)}/approvals/${encodeURIComponent(requestId)}/decision`,
  );
  return call(fetchFn, url, authorization, (body) => readable(GatewayApproval.safeParse(body)), { decision });
};
