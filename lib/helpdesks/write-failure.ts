import { HelpdeskError } from './http';

/** Why a helpdesk write failed, in a rep's words, and whether trying again could help. */
export interface Failure {
  permanent: boolean;
  message: string;
}

/**
 * Zendesk's answer to any update of a closed ticket: 422 `{"error":"RecordInvalid",
 * "description":"Record validation errors","details":{"status":[{"description":
 * "Status: closed prevents ticket update"}]}}` (the same body in several API clients'
 * recorded stubs; Zendesk documents that closed tickets cannot be updated).
 */
const CLOSED_TICKET = /closed prevents ticket update/i;

const helpdeskFailure = (error: HelpdeskError): Failure => {
  const status = error.status === undefined ? '' : ` (${error.status})`;
  if (error.kind === 'invalid' && CLOSED_TICKET.test(error.message)) {
    return {
      permanent: true,
      message: `The ticket is closed, and a closed ticket cannot be changed${status}. Use a follow-up ticket.`,
    };
  }
  switch (error.kind) {
    case 'forbidden':
    case 'invalid':
      return { permanent: true, message: `The helpdesk refused it${status}: ${error.message}` };
    case 'not-found':
      return { permanent: true, message: `The ticket was not found in the helpdesk${status}.` };
    // A queued write waits for the rep to sign in again rather than being dropped.
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

/** 403, 404 and 400/422 are final; everything else is tried again with backoff. */
export const classifyWriteFailure = (error: unknown): Failure =>
  error instanceof HelpdeskError
    ? helpdeskFailure(error)
    : // Anything else (an aborted request, a worker-side fault) is not known to be final.
      { permanent: false, message: 'Something interrupted the request; trying again shortly.' };
