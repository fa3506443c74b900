import type { Case, Entry } from '../domain/model';
import { refKey } from '../domain/ticket-ref';
import type { CreditServiceDeps } from './deps';
import { storeFound } from './ledger-sync';
import { grantsInEntries } from './tagged-grants';

/**
 * The grants the notes of a ticket the rep views prove, whoever made them, into
 * this browser's ledger; says `changed` for the ticket when one was new or differed.
 * The rep's own ledger refresh searches only the rep's tag (ledger-sync.ts), so a
 * grant someone else made on the rep's ticket never reaches this browser through it:
 * an approver granting the rep's request writes the grant as the approver's (marker
 * `agent=`, tag `fl_credit_{approver}`), and the rep would see the request approved
 * but its grant missing. The sidebar reads the thread anyway, so this costs no
 * request. Such a grant counts against its own agent only (authority.ts counts the
 * signed-in rep's grants), as before the ledger searched by agent. Resolves whether
 * anything was stored.
 */
export async function recordTicketGrants(
  deps: Pick<CreditServiceDeps, 'db' | 'changed'>,
  ticket: Pick<Case, 'ref' | 'requesterId'>,
  entries: readonly Entry[],
): Promise<boolean> {
  const key = refKey(ticket.ref);
  const found = grantsInEntries(entries, ticket.requesterId).grants.filter((g) => refKey(g.ticket) === key);
  if (found.length === 0) return false;
  const stored = await storeFound(deps, found);
  for (const changed of stored.values()) deps.changed(changed);
  return stored.size > 0;
}
