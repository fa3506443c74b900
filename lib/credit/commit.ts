import { getGrant, putGrant } from '../db/grant-queries';
import { deleteOutboxRow, outboxRow, postpone, putOutboxRow, updateOutboxRow } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { inGrantsAndOutbox } from '../db/transactions';
import { type CreditGrant, CreditGrant as CreditGrantSchema } from '../domain/credit-grant';
import { trustedMarkers } from '../domain/marker-trust';
import type { CreditMarker } from '../domain/markers';
import type { Entry } from '../domain/model';
import { creditNoteText } from '../domain/note-text';
import { CREDIT_TAG } from '../domain/tags';
import { refKey } from '../domain/ticket-ref';
import { IN_FLIGHT_GUARD_MS } from '../transport/in-flight';
import { billGrant } from './bill';
import type { CreditServiceDeps } from './deps';
import { classifyFailure } from './failure';
import { confirmIdentity } from './identity';
import { BILLING_KIND, GrantPayload, KEY_WAIT_MS } from './outbox';

/** `written`: the note is known to be in the helpdesk (the ledger refresh found it). */
type Claim = { grant: CreditGrant; payload: GrantPayload; resend: boolean; written: boolean } | null;

/**
 * Moves a pending grant to `committing` BEFORE anything goes on the wire, in the
 * same kind of transaction undo uses. A grant found already `committing` was
 * claimed by an attempt that may have written (the worker died, or an answer
 * was lost): that is a re-send, and it must look for the marker first. One the
 * ledger refresh found `recorded` has its note, but maybe not its tag or billing.
 */
function claim(deps: CreditServiceDeps, row: OutboxRow): Promise<Claim> {
  const { db } = deps;
  return inGrantsAndOutbox(db, async (): Promise<Claim> => {
    const current = await outboxRow(db, row.id);
    const stored = await getGrant(db, row.id);
    const payload = GrantPayload.safeParse(current?.payload);
    if (current === undefined) return null;
    if (
      stored === undefined ||
      !payload.success ||
      !['pending', 'committing', 'recorded'].includes(stored.state)
    ) {
      // Undone or failed meanwhile: nothing to send.
      await deleteOutboxRow(db, row.id);
      return null;
    }
    if (stored.state === 'pending' && deps.now() < payload.data.undoUntil) return null;
    const resend = stored.state !== 'pending';
    if (!resend) await putGrant(db, { ...stored.grant, state: 'committing' });
    // Should this worker die mid-write, the next attempt waits until the write can no longer land.
    await updateOutboxRow(db, row.id, { nextAttemptAt: deps.now() + IN_FLIGHT_GUARD_MS });
    return { grant: stored.grant, payload: payload.data, resend, written: stored.state === 'recorded' };
  });
}

const markerOf = (grant: CreditGrant, payload: GrantPayload): CreditMarker => ({
  kind: 'credit',
  id: grant.id,
  amount: grant.amount.amount,
  currency: grant.amount.currency,
  agent: grant.agentId,
  customer: grant.customerId,
  reason: grant.reason,
  ...(payload.request === undefined ? {} : { request: payload.request }),
});

/** The grant's own note, as the trust rule reads it: a forged note with its id must not stop the write. */
const hasCreditNote = (entries: readonly Entry[], grant: CreditGrant): boolean =>
  trustedMarkers(entries, { requesterId: grant.customerId }).some(
    ({ marker }) => marker.kind === 'credit' && marker.id === grant.id,
  );

/** A failed grant writes nothing more and releases its reservation; the row goes, in one transaction. */
async function fail(deps: CreditServiceDeps, grant: CreditGrant, error: string) {
  const { db } = deps;
  await inGrantsAndOutbox(db, async () => {
    const stored = await getGrant(db, grant.id);
    // A grant the ledger refresh found in the helpdesk is recorded, whatever this attempt saw.
    if (stored?.state !== 'recorded') {
      await putGrant(db, CreditGrantSchema.parse({ ...grant, state: 'failed', error }));
    }
    await deleteOutboxRow(db, grant.id);
  });
  deps.changed(grant.ticket);
}

/**
 * The note is in the helpdesk: the grant is `recorded` from here on and never
 * released. When billing is still to be told, the grant's row becomes a billing
 * row in the same transaction, so a worker dying now leaves exactly that to do.
 */
async function record(
  deps: CreditServiceDeps,
  grant: CreditGrant,
  bill: boolean,
  error?: string,
): Promise<OutboxRow | null> {
  const { db } = deps;
  const now = deps.now();
  const billing: OutboxRow = {
    id: grant.id,
    kind: BILLING_KIND,
    caseKey: refKey(grant.ticket),
    payload: null,
    createdAt: now,
    nextAttemptAt: now,
    attempts: 0,
    lastError: null,
  };
  await inGrantsAndOutbox(db, async () => {
    const { error: _previous, ...rest } = (await getGrant(db, grant.id))?.grant ?? grant;
    await putGrant(
      db,
      CreditGrantSchema.parse({ ...rest, state: 'recorded', ...(error === undefined ? {} : { error }) }),
    );
    if (bill) await putOutboxRow(db, billing);
    else await deleteOutboxRow(db, grant.id);
  });
  deps.changed(grant.ticket);
  return bill ? billing : null;
}

/** A transient failure: the reason is shown, the row waits out its backoff. */
async function retryLater(deps: CreditServiceDeps, grant: CreditGrant, reason: string): Promise<void> {
  const { db } = deps;
  await inGrantsAndOutbox(db, async () => {
    const stored = await getGrant(db, grant.id);
    if (stored?.state === 'committing') await putGrant(db, { ...stored.grant, error: reason });
    await postpone(db, grant.id, deps.now(), reason);
  });
  deps.changed(grant.ticket);
}

/**
 * The helpdesk refused the rep's key, or there is none: the row waits for a new
 * one (drainOutbox wakes it when the key is saved) instead of trying the same key
 * again; the grant keeps its reservation and says what to do.
 */
async function waitForKey(deps: CreditServiceDeps, grant: CreditGrant, reason: string | null): Promise<void> {
  const { db } = deps;
  await inGrantsAndOutbox(db, async () => {
    const row = await outboxRow(db, grant.id);
    const payload = GrantPayload.safeParse(row?.payload);
    if (!payload.success) return;
    const stored = await getGrant(db, grant.id);
    const message =
      reason ?? stored?.grant.error ?? 'Waiting for your helpdesk API key: enter it to send this credit.';
    await updateOutboxRow(db, grant.id, {
      payload: { ...payload.data, awaitingKey: true },
      nextAttemptAt: deps.now() + KEY_WAIT_MS,
      lastError: message,
    });
    if (stored !== undefined && ['pending', 'committing'].includes(stored.state)) {
      await putGrant(db, { ...stored.grant, error: message });
    }
  });
  deps.changed(grant.ticket);
}

/** Whether the policy in force wants billing told; an unreadable policy is asked again by the billing row. */
async function wantsBilling(deps: CreditServiceDeps): Promise<boolean> {
  const policy = await deps.loadPolicy();
  return 'error' in policy || policy.policy.billingWebhook !== undefined;
}

/**
 * A grant whose granter the helpdesk did not confirm during the undo window (the
 * worker stopped before the answer) is confirmed before its note: the reason it
 * cannot be written under the signed-in agent, or null.
 */
async function notTheGranter(deps: CreditServiceDeps, grant: CreditGrant): Promise<string | null> {
  const identity = await confirmIdentity(deps, grant.ticket, deps.client(grant.ticket, 'view'));
  if (!identity.ok) {
    if (identity.signedOut) return `Not recorded: ${identity.message}`;
    throw new Error(identity.message);
  }
  return identity.me.id === grant.agentId
    ? null
    : `Not recorded: ${identity.me.name} is signed in now, not the agent who granted it.`;
}

/**
 * Commits one due grant. The record comes first, money second: the private note
 * with the marker as its last line, then the tag, then `recorded`, then (when the
 * policy names one) the billing webhook from its own outbox row (billGrant).
 * A note the helpdesk refuses for good fails the grant and releases it before
 * billing was ever called; once the note is written the grant is never released.
 * Transient failures leave the row with backoff (state in the database only, so
 * a restart resumes); a refused key leaves it waiting for a new key.
 */
export async function commitGrant(deps: CreditServiceDeps, row: OutboxRow): Promise<void> {
  const waiting = await getGrant(deps.db, row.id);
  if (waiting !== undefined && (await deps.needsCredentials(waiting.grant.ticket))) {
    return waitForKey(deps, waiting.grant, null);
  }
  const claimed = await claim(deps, row);
  if (claimed === null) return;
  const { grant, payload, resend, written } = claimed;
  deps.changed(grant.ticket);
  const adapter = deps.adapterFor(grant.ticket.helpdesk);
  const client = deps.client(grant.ticket, 'background');
  let noteWritten = written;
  try {
    if (!noteWritten && resend) {
      // Written before the crash or the lost answer?
      noteWritten = hasCreditNote(await adapter.entries(client, grant.ticket), grant);
    }
    if (noteWritten) {
      await adapter.addTag(client, grant.ticket, CREDIT_TAG);
    } else {
      const policy = await deps.loadPolicy();
      if ('error' in policy) return await fail(deps, grant, `Not recorded: ${policy.error}`);
      const confirmedHere = payload.confirmed === true && (deps.sessionOpen?.(grant.ticket.account) ?? true);
      const stranger = confirmedHere ? null : await notTheGranter(deps, grant);
      if (stranger !== null) return await fail(deps, grant, stranger);
      // The note first, the tag only once the note has landed. Sent together, the two are
      // simultaneous updates of one ticket, and Zendesk documents that such collisions can
      // drop tags (Zendesk OpenAPI, Add Tags, "Safe Update"); the tag is what the ledger
      // search and the review find the grant by. The note is the record: a refused tag is
      // retried (after the marker check) or reported below.
      await adapter.addPrivateNote(
        client,
        grant.ticket,
        creditNoteText(markerOf(grant, payload), payload.agentName),
      );
      noteWritten = true;
      await adapter.addTag(client, grant.ticket, CREDIT_TAG);
    }
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.credential) return await waitForKey(deps, grant, failure.message);
    if (!failure.permanent) return await retryLater(deps, grant, failure.message);
    // A refused note: nothing is recorded, so billing is never told and the reservation goes.
    if (!noteWritten) return await fail(deps, grant, failure.message);
    // The note is the record: the credit was granted even if the tag cannot be added.
    const billing = await record(
      deps,
      grant,
      await wantsBilling(deps),
      `Recorded, but the ${CREDIT_TAG} tag could not be added: ${failure.message}`,
    );
    if (billing !== null) await billGrant(deps, billing);
    return;
  }
  const billing = await record(deps, grant, await wantsBilling(deps));
  if (billing !== null) await billGrant(deps, billing);
}
