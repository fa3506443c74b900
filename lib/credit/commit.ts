import { grantRow } from '../db/grant-queries';
import { postpone } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { type CreditGrant, CreditGrant as CreditGrantSchema } from '../domain/credit-grant';
import { trustedMarkers } from '../domain/marker-trust';
import type { CreditMarker } from '../domain/markers';
import type { Entry } from '../domain/model';
import { creditNoteText } from '../domain/note-text';
import { IN_FLIGHT_GUARD_MS } from '../transport/in-flight';
import type { CreditServiceDeps } from './deps';
import { classifyFailure } from './failure';
import { GrantPayload } from './outbox';
import { postToBilling } from './webhook';

export const CREDIT_TAG = 'frontline_credit';

type Claim = { grant: CreditGrant; payload: GrantPayload; resend: boolean } | null;

/**
 * Moves a pending grant to `committing` BEFORE anything goes on the wire, in the
 * same kind of transaction undo uses. A grant found already `committing` was
 * claimed by an attempt that may have written (the worker died, or an answer
 * was lost): that is a re-send, and it must look for the marker first.
 */
function claim(deps: CreditServiceDeps, row: OutboxRow): Promise<Claim> {
  const { db } = deps;
  return db.transaction('rw', db.grants, db.outbox, async (): Promise<Claim> => {
    const current = await db.outbox.get(row.id);
    const stored = await db.grants.get(row.id);
    const payload = GrantPayload.safeParse(current?.payload);
    if (current === undefined) return null;
    if (stored === undefined || !payload.success || !['pending', 'committing'].includes(stored.state)) {
      // Undone, failed, or recorded meanwhile (the ledger refresh found its note): nothing to send.
      await db.outbox.delete(row.id);
      return null;
    }
    if (stored.state === 'pending' && deps.now() < payload.data.undoUntil) return null;
    const resend = stored.state === 'committing';
    if (!resend) await db.grants.put(grantRow({ ...stored.grant, state: 'committing' }));
    // Should this worker die mid-write, the next attempt waits until the write can no longer land.
    await db.outbox.update(row.id, { nextAttemptAt: deps.now() + IN_FLIGHT_GUARD_MS });
    return { grant: stored.grant, payload: payload.data, resend };
  });
}

const markerOf = (grant: CreditGrant): CreditMarker => ({
  kind: 'credit',
  id: grant.id,
  amount: grant.amount.amount,
  currency: grant.amount.currency,
  agent: grant.agentId,
  customer: grant.customerId,
  reason: grant.reason,
});

/** The grant's own note, as the trust rule reads it: a forged note with its id must not stop the write. */
const hasCreditNote = (entries: readonly Entry[], grant: CreditGrant): boolean =>
  trustedMarkers(entries, { requesterId: grant.customerId }).some(
    ({ marker }) => marker.kind === 'credit' && marker.id === grant.id,
  );

/**
 * Ends the grant's outbox life: recorded or failed, and the row goes, in one
 * transaction. A grant the ledger refresh already found recorded stays recorded.
 */
async function settle(
  deps: CreditServiceDeps,
  grant: CreditGrant,
  end: Pick<CreditGrant, 'state' | 'error'>,
) {
  const { db } = deps;
  await db.transaction('rw', db.grants, db.outbox, async () => {
    const stored = await db.grants.get(grant.id);
    if (stored?.state !== 'recorded') {
      const { error: _previous, ...rest } = grant;
      await db.grants.put(grantRow(CreditGrantSchema.parse({ ...rest, ...end })));
    }
    await db.outbox.delete(grant.id);
  });
  deps.changed(grant.ticket);
}

/** A transient failure: the grant stays `committing` with the reason shown, the row waits out its backoff. */
async function retryLater(deps: CreditServiceDeps, grant: CreditGrant, reason: string): Promise<void> {
  const { db } = deps;
  await db.transaction('rw', db.grants, db.outbox, async () => {
    const stored = await db.grants.get(grant.id);
    if (stored?.state !== 'committing') return;
    await db.grants.put(grantRow({ ...stored.grant, error: reason }));
    await postpone(db, grant.id, deps.now(), reason);
  });
  deps.changed(grant.ticket);
}

/**
 * Commits one due grant: billing webhook (when the policy names one, 2xx
 * required), then the private note with the marker as its last line, then the
 * tag, then `recorded`. Every failure is classified: transient ones leave the
 * row in the outbox with backoff (state in the database only, so a restart
 * resumes), permanent ones fail the grant and release its reservation.
 */
export async function commitGrant(deps: CreditServiceDeps, row: OutboxRow): Promise<void> {
  const claimed = await claim(deps, row);
  if (claimed === null) return;
  const { grant, payload, resend } = claimed;
  deps.changed(grant.ticket);
  const adapter = deps.adapterFor(grant.ticket.helpdesk);
  const client = deps.client(grant.ticket, 'background');
  let noteWritten = false;
  try {
    if (resend && hasCreditNote(await adapter.entries(client, grant.ticket), grant)) {
      // Written before the crash or the lost answer; the tag may not have been.
      noteWritten = true;
    } else {
      const policy = await deps.loadPolicy();
      if ('error' in policy) {
        await settle(deps, grant, { state: 'failed', error: `Not recorded: ${policy.error}` });
        return;
      }
      if (policy.policy.billingWebhook) await postToBilling(deps.fetch, policy.policy.billingWebhook, grant);
      // Note and tag in one round trip. The note is the record: a tag without it carries no
      // marker and counts nothing, and a refused tag is retried (after the marker check) or
      // reported below. A conflict between the two writes is transient and heals the same way.
      const [note, tag] = await Promise.allSettled([
        adapter.addPrivateNote(client, grant.ticket, creditNoteText(markerOf(grant), payload.agentName)),
        adapter.addTag(client, grant.ticket, CREDIT_TAG),
      ]);
      if (note.status === 'rejected') throw note.reason;
      noteWritten = true;
      if (tag.status === 'rejected') throw tag.reason;
      return await settle(deps, grant, { state: 'recorded' });
    }
    await adapter.addTag(client, grant.ticket, CREDIT_TAG);
    await settle(deps, grant, { state: 'recorded' });
  } catch (error) {
    const failure = classifyFailure(error);
    if (!failure.permanent) {
      await retryLater(deps, grant, failure.message);
    } else if (noteWritten) {
      // The note is the record: the credit was granted even if the tag cannot be added.
      await settle(deps, grant, {
        state: 'recorded',
        error: `Recorded, but the ${CREDIT_TAG} tag could not be added: ${failure.message}`,
      });
    } else {
      await settle(deps, grant, { state: 'failed', error: failure.message });
    }
  }
}
