import { classifyWriteFailure, type Failure } from '../helpdesks/write-failure';

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

const webhookFailure = (error: WebhookError): Failure => {
  const s = error.status;
  if (s !== null && s >= 400 && s < 500 && s !== 408 && s !== 429) {
    return { permanent: true, message: `The billing system refused the credit (${s}).` };
  }
  return { permanent: false, message: `${error.message}; trying again shortly.` };
};

/** A commit's failures: the billing webhook's, then the helpdesk's. */
export const classifyFailure = (error: unknown): Failure =>
  error instanceof WebhookError ? webhookFailure(error) : classifyWriteFailure(error);
