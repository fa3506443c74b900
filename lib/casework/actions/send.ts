import { putOpRecord } from '../../db/op-record-queries';
import { deleteOutboxRow, postpone, updateOutboxRow } from '../../db/outbox-queries';
import type { OutboxRow } from '../../db/rows';
import { inOpRecordsAndOutbox } from '../../db/transactions';
import type { OpRecord } from '../../domain/op-record';
import { classifyWriteFailure as classifyFailure } from '../../helpdesks/write-failure';
import { IN_FLIGHT_GUARD_MS } from '../../transport/in-flight';
import type { CaseworkServiceDeps } from './deps';
import { alreadyWritten } from './note-check';
import { OpPayload, type Progress } from './payload';
import { KEEP_SETTLED_MS, pruneRecords } from './records';

/** Stores a step as done before the next one starts, so a restart resumes after it. */
async function advance(
  deps: CaseworkServiceDeps,
  row: OutboxRow,
  payload: OpPayload,
  step: Partial<Progress>,
): Promise<OpPayload> {
  const next: OpPayload = { ...payload, progress: { ...payload.progress, ...step } };
  // Once a note is on its way, a worker that dies must not resend it before it can no longer land.
  const guard = step.noteTried ? { nextAttemptAt: deps.now() + IN_FLIGHT_GUARD_MS } : {};
  await updateOutboxRow(deps.db, row.id, { payload: next, ...guard });
  return next;
}

/** Ends the row's outbox life and keeps how it ended, in one transaction. */
async function settle(
  deps: CaseworkServiceDeps,
  row: OutboxRow,
  end: Pick<OpRecord, 'kind' | 'state' | 'error'>,
): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const record: OpRecord = { opId: row.id, ...end, at: row.createdAt, settledAt: now };
  await inOpRecordsAndOutbox(db, async () => {
    await deleteOutboxRow(db, row.id);
    await putOpRecord(db, row.caseKey, record);
  });
  if (now - row.createdAt < KEEP_SETTLED_MS) await pruneRecords(db, row.caseKey, now);
}

/**
 * Sends one operation: the note (after checking, on a re-send, that it is not
 * already there), then the tags, then the reassignment. Tags and assignment are
 * idempotent, so repeating them after a crash is harmless. Transient failures
 * leave the row with backoff; permanent ones end it as failed, saying what was
 * written, since a note on the ticket cannot be taken back.
 */
export async function sendOp(deps: CaseworkServiceDeps, row: OutboxRow): Promise<void> {
  const parsed = OpPayload.safeParse(row.payload);
  if (!parsed.success) {
    // Written by another version of Frontline: it cannot be sent safely, and retrying it forever helps nobody.
    await deleteOutboxRow(deps.db, row.id);
    return;
  }
  let payload = parsed.data;
  const { ticket, command } = payload;
  const adapter = deps.adapterFor(ticket.helpdesk);
  const client = deps.client(ticket, 'background');
  try {
    if (!payload.progress.noteDone) {
      const resend =
        payload.progress.noteTried &&
        alreadyWritten(await adapter.entries(client, ticket), payload.check, row.createdAt);
      if (!resend) {
        payload = await advance(deps, row, payload, { noteTried: true });
        await adapter.addPrivateNote(client, ticket, payload.note);
      }
      payload = await advance(deps, row, payload, { noteDone: true });
    }
    if (!payload.progress.tagsDone) {
      for (const tag of payload.addTags) await adapter.addTag(client, ticket, tag);
      payload = await advance(deps, row, payload, { tagsDone: true });
    }
    if (payload.assign !== null) await adapter.assign(client, ticket, payload.assign);
    await settle(deps, row, { kind: command.kind, state: 'done', error: null });
  } catch (error) {
    const failure = classifyFailure(error);
    if (!failure.permanent) {
      await postpone(deps.db, row.id, deps.now(), failure.message);
    } else {
      const message = payload.progress.noteDone
        ? `The note was written, but the rest was not: ${failure.message}`
        : failure.message;
      await settle(deps, row, { kind: command.kind, state: 'failed', error: message });
    }
  }
  deps.changed(ticket);
}
