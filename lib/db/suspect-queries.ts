import type { CreditGrant } from '../domain/credit-grant';
import { conflictSuspect, SuspectNote } from '../domain/suspect-note';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import type { SuspectRow } from './rows';
import type { FrontlineDb } from './schema';

/** One row per note, so a ticket read again replaces its own notes and no other ticket's. */
const rowOf = (s: SuspectNote): SuspectRow => {
  const caseKey = refKey(s.ticket);
  return {
    key: `${caseKey}|${s.entryId ?? `conflict:${s.at}:${s.amount ?? ''}`}`,
    caseKey,
    account: s.ticket.account,
    note: s,
  };
};

/** The suspect notes of tickets just read, in place of what an earlier read of them found. */
export async function replaceSuspects(
  db: FrontlineDb,
  tickets: readonly TicketRef[],
  suspects: readonly SuspectNote[],
): Promise<void> {
  await db.transaction('rw', db.suspects, async () => {
    for (const ticket of tickets) await db.suspects.where('caseKey').equals(refKey(ticket)).delete();
    await db.suspects.bulkPut(suspects.map(rowOf));
  });
}

/** Grant notes that lost to a larger one of the same id (mergeLedger's conflicts). */
export async function addConflicts(db: FrontlineDb, conflicts: readonly CreditGrant[]): Promise<void> {
  if (conflicts.length === 0) return;
  await db.suspects.bulkPut(conflicts.map(conflictSuspect).map(rowOf));
}

/** An account's suspect notes written in [start, end), oldest first; rows that no longer parse are skipped. */
export async function suspectsIn(
  db: FrontlineDb,
  account: string,
  start: number,
  end: number,
): Promise<SuspectNote[]> {
  const rows = await db.suspects.where('account').equals(account).toArray();
  return rows
    .flatMap((row) => {
      const parsed = SuspectNote.safeParse(row.note);
      return parsed.success ? [parsed.data] : [];
    })
    .filter((s) => s.ticket.account === account && Date.parse(s.at) >= start && Date.parse(s.at) < end)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
