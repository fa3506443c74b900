import { getGrant, putGrant } from '../db/grant-queries';
import { deleteOutboxRow, outboxRow, postpone, updateOutboxRow } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { inGrantsAndOutbox } from '../db/transactions';
import { type CreditGrant, CreditGrant as CreditGrantSchema, reserves } from '../domain/credit-grant';
import { IN_FLIGHT_GUARD_MS } from '../transport/in-flight';
import type { CreditServiceDeps } from './deps';
import { classifyFailure } from './failure';
import { BILLING_KIND, GATEWAY_KIND } from './outbox';
import { postToBilling } from './webhook';

/**
 * Takes a due billing row in one transaction, and keeps it out of reach until a
 * call that may still be in flight can no longer land. A row already gone was
 * billed (or a stale copy was read): nothing to send.
 */
function claim(deps: CreditServiceDeps, row: OutboxRow): Promise<CreditGrant | null> {
  const { db } = deps;
  return inGrantsAndOutbox(db, async () => {
    const current = await outboxRow(db, row.id);
    if (current?.kind !== BILLING_KIND || current.nextAttemptAt > deps.now()) return null;
    const stored = await getGrant(db, row.id);
    if (stored === undefined || !reserves(stored.grant)) {
      await deleteOutboxRow(db, row.id);
      return null;
    }
    await updateOutboxRow(db, row.id, { nextAttemptAt: deps.now() + IN_FLIGHT_GUARD_MS });
    return stored.grant;
  });
}

/**
 * Billing is done with this grant (told, refused, or not configured): the row
 * goes. The grant stays recorded and reserved: the note is in the helpdesk, and
 * every ledger counts it, so releasing it here would only hide it from the limits.
 */
async function finish(deps: CreditServiceDeps, grant: CreditGrant, error: string | null): Promise<void> {
  const { db } = deps;
  await inGrantsAndOutbox(db, async () => {
    await deleteOutboxRow(db, grant.id);
    const stored = await getGrant(db, grant.id);
    if (error !== null && stored !== undefined) {
      await putGrant(db, CreditGrantSchema.parse({ ...stored.grant, error }));
    }
  });
  deps.changed(grant.ticket);
}

/**
 * Tells billing about a grant whose note is already in the helpdesk. The grant
 * id is the Idempotency-Key of every attempt; transient failures wait out their
 * backoff in the outbox row (a restarted worker resumes from it).
 */
export async function billGrant(deps: CreditServiceDeps, row: OutboxRow): Promise<void> {
  const grant = await claim(deps, row);
  if (grant === null) return;
  const policy = await deps.loadPolicy(grant.ticket.account);
  if (policy.gateway !== undefined) {
    // A gateway configured since the grant was recorded: it, not the browser, moves the money.
    await updateOutboxRow(deps.db, grant.id, { kind: GATEWAY_KIND, nextAttemptAt: deps.now() });
    deps.changed(grant.ticket);
    return;
  }
  if ('error' in policy) {
    await postpone(deps.db, grant.id, deps.now(), `Billing waits for a valid credit policy: ${policy.error}`);
    deps.changed(grant.ticket);
    return;
  }
  const webhook = policy.policy.billingWebhook;
  if (webhook === undefined) {
    await finish(
      deps,
      grant,
      'Recorded; billing was not told: the credit policy no longer names a billing webhook.',
    );
    return;
  }
  try {
    await postToBilling(deps.fetch, webhook, grant, deps.now());
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.permanent) {
      await finish(
        deps,
        grant,
        `Recorded, but billing did not take it: ${failure.message} Tell your manager; the customer is not credited yet.`,
      );
    } else {
      await postpone(deps.db, grant.id, deps.now(), failure.message);
      deps.changed(grant.ticket);
    }
    return;
  }
  await finish(deps, grant, null);
}
