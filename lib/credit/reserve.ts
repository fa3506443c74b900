import { addGrant, agentGrantsSince, getGrant, putGrant } from '../db/grant-queries';
import { addOutboxRow, deleteOutboxRow, outboxRow, updateOutboxRow } from '../db/outbox-queries';
import type { FrontlineDb } from '../db/schema';
import { inGrantsAndOutbox, inOutbox } from '../db/transactions';
import type { GrantRefusal } from '../domain/command';
import type { CreditGrant } from '../domain/credit-grant';
import type { AuthorityPolicy, Tier } from '../domain/policy';
import { refKey } from '../domain/ticket-ref';
import { checkGrant, computeAuthority } from './authority';
import { currencyBlock } from './gate';
import { GRANT_KIND, GrantPayload } from './outbox';
import { periodBounds } from './period';

export interface Reservation {
  /** A new grant, state `pending`. */
  grant: CreditGrant;
  policy: AuthorityPolicy;
  tier: Tier;
  agentName: string;
  /** The approval request this grant decides, for its note's marker. */
  request?: string;
  now: number;
}

export type ReserveResult =
  | { ok: true; created: boolean }
  | { ok: false; message: string; refusal?: GrantRefusal };

/**
 * Reserves the amount: the ledger is read, the limits checked and the grant plus
 * its outbox row written in ONE read-write transaction over `grants` and `outbox`.
 * IndexedDB runs overlapping read-write transactions on a store one after the
 * other, so two tabs racing for the last of the budget see each other's
 * reservation; the caller's Web Lock keeps that true across processes and makes
 * the order fair. A grant id already known is the same click again: ok, no second reservation.
 */
export function reserveGrant(db: FrontlineDb, r: Reservation): Promise<ReserveResult> {
  const { grant, policy, now } = r;
  return inGrantsAndOutbox(db, async (): Promise<ReserveResult> => {
    if ((await getGrant(db, grant.id)) !== undefined) return { ok: true, created: false };
    const { start } = periodBounds(now, policy.period, policy.timeZone);
    const ledger = await agentGrantsSince(db, grant.ticket.account, grant.agentId, start);
    const mismatch = currencyBlock(policy, ledger);
    if (mismatch !== null) return { ok: false, message: mismatch.english };
    const authority = computeAuthority({
      policy,
      tier: r.tier,
      account: grant.ticket.account,
      agentId: grant.agentId,
      customerId: grant.customerId,
      grants: ledger,
      now,
    });
    const check = checkGrant(authority, grant.amount.amount);
    if (!check.ok) {
      const { ok, message, ...refusal } = check;
      return { ok, message, refusal };
    }
    const undoUntil = now + policy.undoSeconds * 1000;
    const payload: GrantPayload = {
      agentName: r.agentName,
      undoUntil,
      ...(r.request === undefined ? {} : { request: r.request }),
    };
    await addGrant(db, grant);
    await addOutboxRow(db, {
      id: grant.id,
      kind: GRANT_KIND,
      caseKey: refKey(grant.ticket),
      payload,
      createdAt: now,
      nextAttemptAt: undoUntil,
      attempts: 0,
      lastError: null,
    });
    return { ok: true, created: true };
  });
}

export type UndoResult = { ok: true } | { ok: false; message: string };

/**
 * Within the undo window a pending grant becomes `undone` and leaves the outbox;
 * nothing was written to the helpdesk yet. The same transaction as the commit's
 * claim (which moves it to `committing`), so the two can never both win.
 */
export function undoGrant(db: FrontlineDb, grantId: string, now: number): Promise<UndoResult> {
  return inGrantsAndOutbox(db, async (): Promise<UndoResult> => {
    const row = await getGrant(db, grantId);
    if (row === undefined) return { ok: false, message: 'There is no such grant to undo.' };
    if (row.state === 'undone') return { ok: true };
    const outbox = await outboxRow(db, grantId);
    const deadline =
      outbox?.kind === GRANT_KIND ? (outbox.payload as Partial<GrantPayload>).undoUntil : undefined;
    if (row.state !== 'pending' || typeof deadline !== 'number' || now >= deadline) {
      return { ok: false, message: 'Too late to undo: the credit is already being recorded.' };
    }
    await putGrant(db, { ...row.grant, state: 'undone' });
    await deleteOutboxRow(db, grantId);
    return { ok: true };
  });
}

/** The helpdesk confirmed who granted: the commit need not ask again (see GrantPayload.confirmed). */
export function markConfirmed(db: FrontlineDb, grantId: string): Promise<void> {
  return inOutbox(db, async () => {
    const row = await outboxRow(db, grantId);
    const payload = GrantPayload.safeParse(row?.payload);
    if (row?.kind === GRANT_KIND && payload.success)
      await updateOutboxRow(db, grantId, { payload: { ...payload.data, confirmed: true } });
  });
}
