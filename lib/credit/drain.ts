import { getGrant } from '../db/grant-queries';
import { allOutboxRows, postpone, updateOutboxRow } from '../db/outbox-queries';
import { sendApprovalRequest } from './approval-send';
import { billGrant } from './bill';
import { commitGrant } from './commit';
import type { CreditServiceDeps } from './deps';
import { classifyFailure } from './failure';
import { submitApprovalToGateway } from './gateway-approval';
import { submitToGateway } from './gateway-submit';
import {
  BILLING_KIND,
  dueCreditRows,
  GATEWAY_APPROVAL_KIND,
  GATEWAY_KIND,
  GRANT_KIND,
  GrantPayload,
  nextCreditDue,
  REFUSAL_KIND,
} from './outbox';
import { writeRefusalNote } from './refusal-note';

/** One outbox worker per browser profile at a time (Web Locks span the worker and extension pages). */
export const OUTBOX_LOCK = 'frontline-credit:outbox';

/**
 * Grants waiting for a key whose account has a usable one now (the rep saved a
 * new key) fall due at once; the others sleep on. Read from the database, so it
 * holds across worker restarts.
 */
async function wakeKeyWaiters(deps: CreditServiceDeps): Promise<void> {
  const { db } = deps;
  const waiting = (await allOutboxRows(db)).filter(
    (row) => row.kind === GRANT_KIND && GrantPayload.safeParse(row.payload).data?.awaitingKey === true,
  );
  for (const row of waiting) {
    const grant = (await getGrant(db, row.id))?.grant;
    if (grant !== undefined && (await deps.needsCredentials(grant.ticket))) continue;
    const payload = GrantPayload.parse(row.payload);
    await updateOutboxRow(db, row.id, {
      payload: { ...payload, awaitingKey: false },
      nextAttemptAt: deps.now(),
    });
  }
}

/**
 * Works every due credit row, one after another, then says when the next one
 * falls due (epoch ms, for an alarm or a timer) or null. All state is in the
 * database, so calling this on worker start resumes whatever a killed worker left.
 */
export function drainOutbox(deps: CreditServiceDeps): Promise<number | null> {
  return deps.withLock(OUTBOX_LOCK, async () => {
    await wakeKeyWaiters(deps);
    for (const row of await dueCreditRows(deps.db, deps.now())) {
      try {
        if (row.kind === GRANT_KIND) await commitGrant(deps, row);
        else if (row.kind === BILLING_KIND) await billGrant(deps, row);
        else if (row.kind === GATEWAY_KIND) await submitToGateway(deps, row);
        else if (row.kind === REFUSAL_KIND) await writeRefusalNote(deps, row);
        else if (row.kind === GATEWAY_APPROVAL_KIND) await submitApprovalToGateway(deps, row);
        else await sendApprovalRequest(deps, row);
      } catch (error) {
        // A database fault in one row must not stall the rest; it is tried again after its backoff.
        await postpone(deps.db, row.id, deps.now(), classifyFailure(error).message);
      }
    }
    return nextCreditDue(deps.db);
  });
}
