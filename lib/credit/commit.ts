import { getGrant, putGrant } from '../db/grant-queries';
import { deleteOutboxRow, outboxRow, postpone, putOutboxRow, updateOutboxRow } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { inGrantsAndOutbox } from '../db/transactions';
import { type CreditGrant, CreditGrant as CreditGrantSchema } from '../domain/credit-grant';
import { indexedGrantOf } from '../domain/grant-index';
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
import { submitToGateway } from './gateway-submit';
import { confirmIdentity } from './identity';
import { BILLING_KIND, GATEWAY_KIND, GrantPayload, KEY_WAIT_MS } from './outbox';

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
const creditNoteOf = (entries: readonly Entry[], grant: CreditGrant): Entry | undefined =>
  trustedMarkers(entries, { requesterId: grant.customerId }).find(
    ({ marker }) => marker.kind === 'credit' && marker.id === grant.id,
  )?.entry;

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
  next: Next,
  error?: string,
): Promise<OutboxRow | null> {
  const { db } = deps;
  const now = deps.now();
  const billing: OutboxRow = {
    id: grant.id,
    kind: next === 'gateway' ? GATEWAY_KIND : BILLING_KIND,
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
    if (next !== null) await putOutboxRow(db, billing);
    else await deleteOutboxRow(db, grant.id);
  });
  deps.changed(grant.ticket);
  return next === null ? null : billing;
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

/** Who is told of a recorded grant: the credit gateway, the billing webhook, or nobody. */
type Next = 'gateway' | 'billing' | null;

/**
 * The credit gateway whenever one is configured (even while its policy cannot be read: the
 * submission is idempotent and the gateway decides); else billing when the policy names a
 * webhook. An unreadable policy is asked again by the billing row.
 */
async function nextStep(deps: CreditServiceDeps, grant: CreditGrant): Promise<Next> {
  const policy = await deps.loadPolicy(grant.ticket.account);
  if (policy.gateway !== undefined) return 'gateway';
  return 'error' in policy || policy.policy.billingWebhook !== undefined ? 'billing' : null;
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
 * The note has landed: the grant is `recorded` at once (a rep sees it, the authority counts
 * it), before the index write, which only makes it easy to find. The row stays a grant row,
 * so a worker that dies now comes back through `claim` as `written` and writes the index.
 */
async function noted(deps: CreditServiceDeps, grant: CreditGrant, payload: GrantPayload, at: string) {
  const { db } = deps;
  await inGrantsAndOutbox(db, async () => {
    const stored = await getGrant(db, grant.id);
    if (stored !== undefined && stored.state !== 'recorded') {
      const { error: _previous, ...rest } = stored.grant;
      await putGrant(db, CreditGrantSchema.parse({ ...rest, state: 'recorded' }));
    }
    await updateOutboxRow(db, grant.id, { payload: { ...payload, notedAt: at } });
  });
  deps.changed(grant.ticket);
}

/** A recorded grant whose index write failed for now: it says so, and its row waits out the backoff. */
async function indexLater(deps: CreditServiceDeps, grant: CreditGrant, reason: string): Promise<void> {
  const { db } = deps;
  const message = `Recorded; the team index (tags, ledger line) is written again shortly: ${reason}`;
  await inGrantsAndOutbox(db, async () => {
    const stored = await getGrant(db, grant.id);
    if (stored?.state === 'recorded') await putGrant(db, { ...stored.grant, error: message });
    await postpone(db, grant.id, deps.now(), message);
  });
  deps.changed(grant.ticket);
}

/**
 * Commits one due grant. The record comes first, money second: the private note with the
 * marker as its last line, and the grant is `recorded` as soon as the note has landed;
 * then ONE ticket update writes its team index (the `frontline_credit` and per-agent tags,
 * the ledger field's line: adapter.indexGrants), then (when the policy names one) the
 * billing webhook from its own outbox row (billGrant).
 * A note the helpdesk refuses for good fails the grant and releases it before billing was
 * ever called; once the note is written the grant is never released, and an index write
 * that fails never fails it: a passing failure is retried from the row (the grant says
 * so), a refusal is reported and left to the next thread read or ledger refresh, which
 * heal the index from the notes (heal-index.ts). Transient failures leave the row with
 * backoff (state in the database only, so a restart resumes); a refused key leaves it
 * waiting for a new key.
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
  let notedAt = written ? (payload.notedAt ?? grant.at) : null;
  try {
    if (notedAt === null && resend) {
      // Written before the crash or the lost answer?
      notedAt = creditNoteOf(await adapter.entries(client, grant.ticket), grant)?.createdAt ?? null;
      if (notedAt !== null) await noted(deps, grant, payload, notedAt);
    }
    if (notedAt === null) {
      const policy = await deps.loadPolicy(grant.ticket.account);
      if ('error' in policy) return await fail(deps, grant, `Not recorded: ${policy.error}`);
      const confirmedHere = payload.confirmed === true && (deps.sessionOpen?.(grant.ticket.account) ?? true);
      const stranger = confirmedHere ? null : await notTheGranter(deps, grant);
      if (stranger !== null) return await fail(deps, grant, stranger);
      const note = await adapter.addPrivateNote(
        client,
        grant.ticket,
        creditNoteText(markerOf(grant, payload), payload.agentName),
      );
      notedAt = note.createdAt;
      await noted(deps, grant, payload, notedAt);
    }
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.credential) return await waitForKey(deps, grant, failure.message);
    if (!failure.permanent) return await retryLater(deps, grant, failure.message);
    // A refused note: nothing is recorded, so billing is never told and the reservation goes.
    return await fail(deps, grant, failure.message);
  }
  // The note first, the index only once the note has landed. Sent together, the two are
  // simultaneous updates of one ticket, and Zendesk documents that such collisions can
  // drop tags (Zendesk OpenAPI, Add Tags, "Safe Update").
  let indexError: string | undefined;
  try {
    await adapter.indexGrants(client, grant.ticket, [
      { ...indexedGrantOf(grant, payload.request), at: notedAt },
    ]);
  } catch (error) {
    const failure = classifyFailure(error);
    if (!failure.permanent && !failure.credential) return await indexLater(deps, grant, failure.message);
    indexError = `Recorded, but its team index (the ${CREDIT_TAG} tag, the ledger line) could not be written: ${failure.message}`;
  }
  const next = await record(deps, grant, await nextStep(deps, grant), indexError);
  if (next?.kind === GATEWAY_KIND) await submitToGateway(deps, next);
  else if (next !== null) await billGrant(deps, next);
}
