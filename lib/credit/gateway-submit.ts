import { getGrant, putGrant } from '../db/grant-queries';
import { deleteOutboxRow, outboxRow, postpone, putOutboxRow } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { inGrantsAndOutbox } from '../db/transactions';
import { type CreditGrant, CreditGrant as CreditGrantSchema, reserves } from '../domain/credit-grant';
import { refKey } from '../domain/ticket-ref';
import { GatewayRejected, GatewayUnavailable, submitGrant } from '../gateway/client';
import type { GrantVerdict } from '../gateway/protocol';
import { IN_FLIGHT_GUARD_MS } from '../transport/in-flight';
import type { CreditServiceDeps } from './deps';
import { GATEWAY_KIND, REFUSAL_KIND } from './outbox';
import { writeRefusalNote } from './refusal-note';

/** How long an `accepted` grant waits before asking again whether its money moved. */
export const ACCEPTED_RECHECK_MS = 5 * 60_000;
/** After this many answers of `accepted`, the grant stops asking: the gateway's sweeper finishes it. */
export const ACCEPTED_CHECKS = 6;

export const refusedText = (message: string): string => `Refused by the credit gateway: ${message}`;

/** Takes a due gateway row and keeps it out of reach while a call may still land (as bill.ts does). */
function claim(deps: CreditServiceDeps, row: OutboxRow): Promise<CreditGrant | null> {
  const { db } = deps;
  return inGrantsAndOutbox(db, async () => {
    const current = await outboxRow(db, row.id);
    if (current?.kind !== GATEWAY_KIND || current.nextAttemptAt > deps.now()) return null;
    const stored = await getGrant(db, row.id);
    if (stored === undefined || !reserves(stored.grant)) {
      await deleteOutboxRow(db, row.id);
      return null;
    }
    await putOutboxRow(db, { ...current, nextAttemptAt: deps.now() + IN_FLIGHT_GUARD_MS });
    return stored.grant;
  });
}

/** Stores the verdict on the grant; the row goes, waits to ask again, or becomes the refusal note's. */
async function settle(deps: CreditServiceDeps, grant: CreditGrant, verdict: GrantVerdict): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  await inGrantsAndOutbox(db, async () => {
    const stored = (await getGrant(db, grant.id))?.grant ?? grant;
    const row = await outboxRow(db, grant.id);
    const { error: _previous, ...rest } = stored;
    if (verdict.status === 'executed') {
      const gateway = {
        status: 'executed' as const,
        executor: verdict.executor,
        reference: verdict.reference,
      };
      await putGrant(db, CreditGrantSchema.parse({ ...rest, gateway }));
      await deleteOutboxRow(db, grant.id);
    } else if (verdict.status === 'accepted') {
      await putGrant(db, CreditGrantSchema.parse({ ...rest, gateway: { status: 'accepted' } }));
      const attempts = (row?.attempts ?? 0) + 1;
      if (row === undefined || attempts >= ACCEPTED_CHECKS) await deleteOutboxRow(db, grant.id);
      else
        await putOutboxRow(db, {
          ...row,
          attempts,
          lastError: null,
          nextAttemptAt: now + ACCEPTED_RECHECK_MS,
        });
    } else {
      // Refused: counted nowhere, so the reservation goes; the note stays, and the refusal follows it.
      const gateway = { status: 'refused' as const, code: verdict.code, message: verdict.message };
      await putGrant(
        db,
        CreditGrantSchema.parse({ ...rest, state: 'failed', error: refusedText(verdict.message), gateway }),
      );
      await putOutboxRow(db, {
        id: grant.id,
        kind: REFUSAL_KIND,
        caseKey: refKey(grant.ticket),
        payload: { code: verdict.code, message: verdict.message },
        createdAt: now,
        nextAttemptAt: now,
        attempts: 0,
        lastError: null,
      });
    }
  });
  deps.changed(grant.ticket);
}

/** Done with the gateway for now, without a verdict: the grant stays recorded and says why. */
async function giveUp(deps: CreditServiceDeps, grant: CreditGrant, error: string): Promise<void> {
  const { db } = deps;
  await inGrantsAndOutbox(db, async () => {
    const stored = await getGrant(db, grant.id);
    if (stored !== undefined) await putGrant(db, CreditGrantSchema.parse({ ...stored.grant, error }));
    await deleteOutboxRow(db, grant.id);
  });
  deps.changed(grant.ticket);
}

/**
 * Submits a recorded grant to the organization's credit gateway: ids only (the gateway reads
 * the note itself), from the outbox, so a worker that dies resumes it; the grant id makes a
 * re-send the same submission. An unreachable gateway (no answer, 429, 5xx) is tried again
 * with backoff; a gateway that refuses the request itself (4xx) leaves the grant recorded
 * with the reason, for the manager.
 */
export async function submitToGateway(deps: CreditServiceDeps, row: OutboxRow): Promise<void> {
  const grant = await claim(deps, row);
  if (grant === null) return;
  const policy = await deps.loadPolicy(grant.ticket.account);
  const url = policy.gateway?.url;
  if (url === undefined) {
    return giveUp(deps, grant, 'Recorded; the credit gateway is no longer configured, so it was not told.');
  }
  try {
    const verdict = await submitGrant(deps.fetch, url, {
      account: grant.ticket.account,
      ticket: grant.ticket.id,
      grantId: grant.id,
    });
    if (verdict.grantId !== grant.id)
      throw new GatewayRejected(200, 'The credit gateway answered for another grant');
    if (verdict.status === 'refused') await deps.refreshGatewayPolicy?.(grant.ticket.account);
    await settle(deps, grant, verdict);
    if (verdict.status === 'refused') {
      const refusal = await outboxRow(deps.db, grant.id);
      if (refusal !== undefined) await writeRefusalNote(deps, refusal);
    }
  } catch (error) {
    if (error instanceof GatewayUnavailable) {
      await deps.refreshGatewayPolicy?.(grant.ticket.account);
      await postpone(deps.db, grant.id, deps.now(), `${error.message}; trying again shortly.`);
      deps.changed(grant.ticket);
      return;
    }
    if (error instanceof GatewayRejected) {
      return giveUp(
        deps,
        grant,
        `Recorded, but the credit gateway did not take it: ${error.message}. Tell your manager; the customer is not credited yet.`,
      );
    }
    throw error;
  }
}
