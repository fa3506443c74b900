import { getGrant, putGrant } from '../db/grant-queries';
import { deleteOutboxRow, outboxRow, postpone, putOutboxRow } from '../db/outbox-queries';
import type { OutboxRow } from '../db/rows';
import { inGrantsAndOutbox } from '../db/transactions';
import { type CreditGrant, CreditGrant as CreditGrantSchema } from '../domain/credit-grant';
import { trustedMarkers } from '../domain/marker-trust';
import type { CreditRefusedMarker } from '../domain/markers';
import type { Entry } from '../domain/model';
import { creditRefusedNoteText } from '../domain/note-text';
import { IN_FLIGHT_GUARD_MS } from '../transport/in-flight';
import type { CreditServiceDeps } from './deps';
import { classifyFailure } from './failure';
import { REFUSAL_KIND, RefusalPayload } from './outbox';

type Claim = { grant: CreditGrant; refusal: RefusalPayload } | null;

function claim(deps: CreditServiceDeps, row: OutboxRow): Promise<Claim> {
  const { db } = deps;
  return inGrantsAndOutbox(db, async (): Promise<Claim> => {
    const current = await outboxRow(db, row.id);
    if (current?.kind !== REFUSAL_KIND || current.nextAttemptAt > deps.now()) return null;
    const stored = await getGrant(db, row.id);
    const refusal = RefusalPayload.safeParse(current.payload);
    if (stored === undefined || !refusal.success) {
      await deleteOutboxRow(db, row.id);
      return null;
    }
    await putOutboxRow(db, { ...current, nextAttemptAt: deps.now() + IN_FLIGHT_GUARD_MS });
    return { grant: stored.grant, refusal: refusal.data };
  });
}

/** Already on the ticket (a re-send after a lost answer), by the grant's agent, as the trust rule reads it. */
const written = (entries: readonly Entry[], grant: CreditGrant): boolean =>
  trustedMarkers(entries, { requesterId: grant.customerId }).some(
    ({ marker }) => marker.kind === 'credit-refused' && marker.grant === grant.id,
  );

async function finish(deps: CreditServiceDeps, grant: CreditGrant, error: string | null): Promise<void> {
  const { db } = deps;
  await inGrantsAndOutbox(db, async () => {
    const stored = await getGrant(db, grant.id);
    if (error !== null && stored !== undefined) {
      await putGrant(
        db,
        CreditGrantSchema.parse({ ...stored.grant, error: `${stored.grant.error ?? ''} ${error}`.trim() }),
      );
    }
    await deleteOutboxRow(db, grant.id);
  });
  deps.changed(grant.ticket);
}

/**
 * Writes the gateway's refusal on the ticket as a private note by the grant's own agent, with
 * a `credit-refused` marker: a manager reads it in the helpdesk, and every browser's ledger
 * stops counting the grant (tagged-grants.ts). Looked for first, so a retry writes it once.
 */
export async function writeRefusalNote(deps: CreditServiceDeps, row: OutboxRow): Promise<void> {
  const claimed = await claim(deps, row);
  if (claimed === null) return;
  const { grant, refusal } = claimed;
  const adapter = deps.adapterFor(grant.ticket.helpdesk);
  const client = deps.client(grant.ticket, 'background');
  const marker: CreditRefusedMarker = {
    kind: 'credit-refused',
    grant: grant.id,
    agent: grant.agentId,
    code: refusal.code,
  };
  try {
    if (!written(await adapter.entries(client, grant.ticket), grant)) {
      await adapter.addPrivateNote(client, grant.ticket, creditRefusedNoteText(marker, refusal.message));
    }
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.permanent)
      return finish(deps, grant, `The refusal could not be written on the ticket: ${failure.message}`);
    await postpone(deps.db, grant.id, deps.now(), failure.message);
    deps.changed(grant.ticket);
    return;
  }
  await finish(deps, grant, null);
}
