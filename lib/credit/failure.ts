import { platformOf } from '../helpdesks/registry';
import { classifyWriteFailure, type Failure } from '../helpdesks/write-failure';
import { CredentialRefused } from '../transport/token';
import { WebhookError } from './webhook-error';

export { WebhookError };

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

/** What the rep reads, and what to do: the sidebar's key form is shown again beside it. */
export const credentialMessage = (status: number | undefined): string =>
  status === 403
    ? 'Freshdesk refused your API key for this change (403). Enter a key that may write to this ticket to send this credit.'
    : `Freshdesk refused your API key (${status ?? 401}). Enter a new key to send this credit.`;

/** A commit's failures: the billing webhook's, a refused credential, then the helpdesk's. */
export const classifyFailure = (error: unknown): CommitFailure => {
  if (error instanceof WebhookError) return webhookFailure(error);
  if (error instanceof CredentialRefused) {
    // Session writes (Zendesk) also go through the rep's open tab, so a refused token only delays them.
    const { name, writes } = platformOf(error.helpdesk);
    return writes === 'token'
      ? { permanent: false, credential: true, message: credentialMessage(error.status) }
      : {
          permanent: false,
          credential: false,
          message: `${name} refused the API token (${error.status}): the credit is sent once a ${name} tab is open, or once a new token is saved in Frontline’s options.`,
        };
  }
  return { ...classifyWriteFailure(error), credential: false };
};
