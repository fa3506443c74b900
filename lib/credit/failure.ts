import { classifyWriteFailure, type Failure } from '../helpdesks/write-failure';
import { CredentialRefused } from '../transport/token';

/** A billing webhook answer that was not 2xx; `status` null when no answer came. */
export class WebhookError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/**
 * A commit's failure. `credential`: the helpdesk refused the rep's stored key
 * or token; the write waits (neither failed nor retried) for a new one.
 */
export interface CommitFailure extends Failure {
  credential: boolean;
}

const webhookFailure = (error: WebhookError): CommitFailure => {
  const s = error.status;
  if (s !== null && s >= 400 && s < 500 && s !== 408 && s !== 429) {
    return { permanent: true, credential: false, message: `The billing system refused the credit (${s}).` };
  }
  return { permanent: false, credential: false, message: `${error.message}; trying again shortly.` };
};

const HELPDESK_NAMES = { zendesk: 'Zendesk', freshdesk: 'Freshdesk' } as const;

/** What the rep reads, and what to do: the key form is shown again beside it. */
export const credentialMessage = (error: CredentialRefused): string => {
  const name = HELPDESK_NAMES[error.helpdesk];
  const what = error.helpdesk === 'freshdesk' ? 'API key' : 'API token';
  return error.status === 403
    ? `${name} refused your ${what} for this change (403). Enter a key that may write to this ticket to send this credit.`
    : `${name} refused your ${what} (${error.status}). Enter a new key to send this credit.`;
};

/** A commit's failures: the billing webhook's, a refused credential, then the helpdesk's. */
export const classifyFailure = (error: unknown): CommitFailure => {
  if (error instanceof WebhookError) return webhookFailure(error);
  if (error instanceof CredentialRefused)
    return { permanent: false, credential: true, message: credentialMessage(error) };
  return { ...classifyWriteFailure(error), credential: false };
};
