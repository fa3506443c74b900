import { z } from 'zod';
import { postToBilling } from '../../../lib/credit/webhook';
import { WebhookError } from '../../../lib/credit/webhook-error';
import type { CreditGrant } from '../../../lib/domain/credit-grant';
import { kindOfHost } from '../../../lib/helpdesks/registry';
import { type Execution, type ExecutionResult, type Executor, ExecutorError } from './executor';
import { parseSettings, Secret, ServiceUrl, secretOf } from './settings';
import { isPermanentStatus } from './status';

/**
 * The organisation's billing webhook, called as the extension calls it in serverless mode
 * (lib/credit/webhook.ts: the same body, `Idempotency-Key: <grant id>` and
 * `Frontline-Signature` over the timestamp, the grant id and the body), but from the gateway:
 * the secret lives only in the gateway's configuration, never in a managed policy a rep can read.
 */
export const WebhookExecutorConfig = z.strictObject({
  url: ServiceUrl,
  /** The signing secret the receiver checks; as lib/domain/policy's BillingWebhook, 16 characters or more. */
  secret: Secret.refine(
    (s) => typeof s !== 'string' || s.length >= 16,
    'secret must be at least 16 characters',
  ),
});
export type WebhookExecutorConfig = z.input<typeof WebhookExecutorConfig>;

export interface WebhookExecutorDeps {
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Node's fetch unless given (a test, or a fetch that trusts a private CA). */
  fetch?: typeof fetch;
}

/** The longest receiver id kept as a reference; anything longer is not an id. */
const REFERENCE_MAX = 200;

/** The grant as lib/credit/webhook.ts signs and sends it; the state is not sent. */
function grantOf(execution: Execution): CreditGrant {
  const helpdesk = kindOfHost(execution.account);
  if (helpdesk === null) throw new ExecutorError(true, `${execution.account} is not a helpdesk account host`);
  return {
    id: execution.grantId,
    ticket: { helpdesk, account: execution.account, id: execution.ticket },
    customerId: execution.customer.id,
    agentId: execution.agentId,
    amount: { amount: execution.amount, currency: execution.currency.toUpperCase() },
    reason: execution.reason,
    at: execution.notedAt,
    state: 'recorded',
  };
}

/** The receiver's own id for the credit when its JSON answer gives one (`{"id": …}`). */
async function receiverId(answer: Response | undefined): Promise<string | null> {
  if (!answer) return null;
  try {
    const body: unknown = await answer.json();
    if (body === null || typeof body !== 'object' || !('id' in body)) return null;
    const id = body.id;
    const text = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
    return typeof text === 'string' &&
      text.length > 0 &&
      text.length <= REFERENCE_MAX &&
      /^[\x21-\x7e]+$/.test(text)
      ? text
      : null;
  } catch {
    return null;
  }
}

export function webhookExecutor(settings: unknown, deps: WebhookExecutorDeps = {}): Executor {
  const config = parseSettings('webhook', WebhookExecutorConfig, settings);
  const webhook = { url: config.url, secret: secretOf(config.secret, deps.env ?? process.env) };
  const fetchFn = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;

  return {
    name: 'webhook',
    async execute(execution): Promise<ExecutionResult> {
      const grant = grantOf(execution);
      let answer: Response | undefined;
      // postToBilling resolves on a 2xx only and does not read the body: keep the answer for its id.
      const keepAnswer: typeof fetch = async (input, init) => {
        answer = await fetchFn(input, init);
        return answer;
      };
      try {
        await postToBilling(keepAnswer, webhook, grant, now());
      } catch (error) {
        if (!(error instanceof WebhookError))
          throw new ExecutorError(false, `The billing webhook failed: ${error}`);
        const permanent = error.status !== null && isPermanentStatus(error.status);
        throw new ExecutorError(permanent, error.message, error.status ?? undefined);
      }
      return { reference: (await receiverId(answer)) ?? `webhook:${execution.grantId}` };
    },
  };
}
