import type { FrontlineDb } from '../db/schema';
import type { CreditGrant } from '../domain/credit-grant';
import { conflictSuspect, SuspectNote } from '../domain/suspect-note';
import { refKey, type TicketRef } from '../domain/ticket-ref';

/** meta keys of suspect notes: one per note, under its ticket, so a ticket read again replaces its own. */
const PREFIX = 'suspect:';
const ticketPrefix = (ticket: TicketRef) => `${PREFIX}${refKey(ticket)}|`;
const keyOf = (s: SuspectNote) =>
  `${ticketPrefix(s.ticket)}${s.entryId ?? `conflict:${s.at}:${s.amount ?? ''}`}`;

/** The suspect notes of tickets just read, in place of what an earlier read of them found. */
export async function replaceSuspects(
  db: FrontlineDb,
  tickets: readonly TicketRef[],
  suspects: readonly SuspectNote[],
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    for (const ticket of tickets) await db.meta.where('key').startsWith(ticketPrefix(ticket)).delete();
    await db.meta.bulkPut(suspects.map((s) => ({ key: keyOf(s), value: s })));
  });
}

/** Grant notes that lost to a larger one of the same id (mergeLedger's conflicts). */
export async function addConflicts(db: FrontlineDb, conflicts: readonly CreditGrant[]): Promise<void> {
  if (conflicts.length === 0) return;
  await db.meta.bulkPut(conflicts.map(conflictSuspect).map((s) => ({ key: keyOf(s), value: s })));
}

/** An account's suspect notes written in [start, end), oldest first; rows that no longer parse are skipped. */
export async function suspectsIn(
  db: FrontlineDb,
  account: string,
  start: number,
  end: number,
): Promise<SuspectNote[]> {
  const rows = await db.meta.where('key').startsWith(PREFIX).toArray();
  return rows
    .flatMap((row) => {
      const parsed = SuspectNote.safeParse(row.value);
      return parsed.success ? [parsed.data] : [];
    })
    .filter((s) => s.ticket.account === account && Date.parse(s.at) >= start && Date.parse(s.at) < end)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
