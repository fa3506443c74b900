import type { CreditGrant } from '../domain/credit-grant';
import type { BillingWebhook } from '../domain/policy';
import { WebhookError } from './webhook-error';

const TIMEOUT_MS = 30_000;

/** The signature header; its value is `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'Frontline-Signature';

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Hex HMAC-SHA256 of `message` under `secret`. */
export async function hmacHex(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return hex(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

/**
 * The signature over `<t>.<grantId>.<body>`: the timestamp lets a receiver refuse
 * an old call replayed, the grant id (also the Idempotency-Key) a repeated one,
 * and neither can be changed without the secret.
 */
export async function signature(
  secret: string,
  unixSeconds: number,
  grantId: string,
  body: string,
): Promise<string> {
  return `t=${unixSeconds},v1=${await hmacHex(secret, `${unixSeconds}.${grantId}.${body}`)}`;
}

/** What billing receives: the grant without local workflow state. */
export const webhookBody = (grant: CreditGrant): string =>
  JSON.stringify({
    id: grant.id,
    ticket: grant.ticket,
    customerId: grant.customerId,
    agentId: grant.agentId,
    amount: grant.amount.amount,
    currency: grant.amount.currency,
    reason: grant.reason,
    at: grant.at,
  });

/**
 * Tells billing about a grant; resolves only on a 2xx. The grant id is the
 * Idempotency-Key, so a re-send after a lost answer is one credit for billing too.
 * Each attempt is signed afresh: a retry hours later is not a stale call.
 */
export async function postToBilling(
  fetchFn: typeof fetch,
  webhook: BillingWebhook,
  grant: CreditGrant,
  now: number,
): Promise<void> {
  const body = webhookBody(grant);
  const signed = await signature(webhook.secret, Math.floor(now / 1000), grant.id, body);
  let response: Response;
  try {
    response = await fetchFn(webhook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': grant.id,
        [SIGNATURE_HEADER]: signed,
      },
      body,
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new WebhookError(null, 'The billing system could not be reached');
  }
  if (!response.ok) throw new WebhookError(response.status, `The billing system answered ${response.status}`);
}
