import { postpone } from '../db/outbox-queries';
import { sendApprovalRequest } from './approval-send';
import { commitGrant } from './commit';
import type { CreditServiceDeps } from './deps';
import { classifyFailure } from './failure';
import { dueCreditRows, GRANT_KIND, nextCreditDue } from './outbox';

/** One outbox worker per browser profile at a time (Web Locks span the worker and extension pages). */
export const OUTBOX_LOCK = 'frontline-credit:outbox';

/**
 * Works every due credit row, one after another, then says when the next one
 * falls due (epoch ms, for an alarm or a timer) or null. All state is in the
 * database, so calling this on worker start resumes whatever a killed worker left.
 */
export function drainOutbox(deps: CreditServiceDeps): Promise<number | null> {
  return deps.withLock(OUTBOX_LOCK, async () => {
    for (const row of await dueCreditRows(deps.db, deps.now())) {
      try {
        if (row.kind === GRANT_KIND) await commitGrant(deps, row);
        else await sendApprovalRequest(deps, row);
      } catch (error) {
        // A database fault in one row must not stall the rest; it is tried again after its backoff.
        await postpone(deps.db, row.id, deps.now(), classifyFailure(error).message);
      }
    }
    return nextCreditDue(deps.db);
  });
}
