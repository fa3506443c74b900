import type { CheckError, CheckErrorReason } from '../domain/followthrough';
import type { HelpdeskKind } from '../domain/ticket-ref';
import { HelpdeskError } from '../helpdesks/http';

const REASON: Record<HelpdeskError['kind'], CheckErrorReason> = {
  network: 'offline',
  'signed-out': 'signed-out',
  forbidden: 'forbidden',
  'not-found': 'unexpected',
  conflict: 'unexpected',
  invalid: 'unexpected',
  'rate-limited': 'rate-limited',
  server: 'server',
  malformed: 'unexpected',
};

/** Why an account could not be checked; anything not from a helpdesk is "unexpected". */
export function checkErrorOf(error: unknown, helpdesk: HelpdeskKind, account: string): CheckError {
  if (error instanceof HelpdeskError) {
    return { reason: REASON[error.kind], helpdesk, account, status: error.status ?? null };
  }
  return { reason: 'unexpected', helpdesk, account, status: null };
}
