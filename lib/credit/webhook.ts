import type { CreditGrant } from '../domain/credit-grant';
import { WebhookError } from './failure';
import type { BillingWebhook } from './policy';

const TIMEOUT_MS = 30_000;

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** `sha256=<hex HMAC-SHA256(secret, body)>`, the value of `X-Frontline-Signature`. */
export async function signature(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return `sha256=${hex(await crypto.subtle.sign('HMAC', key, encoder.encode(body)))}`;
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
 */
export async function postToBilling(
  fetchFn: typeof fetch,
  webhook: BillingWebhook,
  grant: CreditGrant,
): Promise<void> {
  const body = webhookBody(grant);
  let response: Response;
  try {
    response = await fetchFn(webhook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': grant.id,
        'X-Frontline-Signature': await signature(webhook.secret, body),
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
