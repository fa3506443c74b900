import { HelpdeskError } from '../helpdesks/http';

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

/** Why a step of a commit failed, in a rep's words, and whether trying again could help. */
export interface Failure {
  permanent: boolean;
  message: string;
}

const helpdeskFailure = (error: HelpdeskError): Failure => {
  const status = error.status === undefined ? '' : ` (${error.status})`;
  switch (error.kind) {
    case 'forbidden':
      return { permanent: true, message: `The helpdesk refused it${status}: ${error.message}` };
    case 'not-found':
      return { permanent: true, message: `The ticket was not found in the helpdesk${status}.` };
    case 'invalid':
      return { permanent: true, message: `The helpdesk refused it${status}: ${error.message}` };
    // A queued grant waits for the rep to sign in again rather than being dropped.
    case 'signed-out':
      return {
        permanent: false,
        message: `Not sent yet: ${error.message}. It is sent once you are signed in.`,
      };
    case 'rate-limited':
      return { permanent: false, message: 'The helpdesk is busy; trying again shortly.' };
    case 'server':
      return { permanent: false, message: `The helpdesk had an error${status}; trying again shortly.` };
    // The answer to a write may be lost or garbled after the write landed: the marker check sorts it out.
    case 'malformed':
    case 'conflict':
    case 'network':
      return { permanent: false, message: 'The helpdesk could not be reached; trying again shortly.' };
  }
};

const webhookFailure = (error: WebhookError): Failure => {
  const s = error.status;
  if (s !== null && s >= 400 && s < 500 && s !== 408 && s !== 429) {
    return { permanent: true, message: `The billing system refused the credit (${s}).` };
  }
  return { permanent: false, message: `${error.message}; trying again shortly.` };
};

export const classifyFailure = (error: unknown): Failure => {
  if (error instanceof HelpdeskError) return helpdeskFailure(error);
  if (error instanceof WebhookError) return webhookFailure(error);
  // Anything else (an aborted request, a worker-side fault) is not known to be final.
  return { permanent: false, message: 'Something interrupted the request; trying again shortly.' };
};
