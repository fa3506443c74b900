import type { CreditGrant } from '../domain/credit-grant';
import type { CreditMarker } from '../domain/markers';
import type { Entry } from '../domain/model';

/** A grant as the helpdesk recorded it: the note's marker, ticket and time. */
export const grantFromMarker = (marker: CreditMarker, note: Entry): CreditGrant => ({
  id: marker.id,
  ticket: note.ticket,
  customerId: marker.customer,
  agentId: marker.agent,
  amount: { amount: marker.amount, currency: marker.currency },
  reason: marker.reason,
  at: note.createdAt,
  state: 'recorded',
});

const byTime = (a: CreditGrant, b: CreditGrant): number =>
  Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const sameMoney = (a: CreditGrant, b: CreditGrant): boolean =>
  a.amount.amount === b.amount.amount && a.amount.currency === b.amount.currency;

export interface LedgerMerge {
  /** One grant per id, oldest first. */
  grants: CreditGrant[];
  /** Notes that reused a grant id with another amount and lost to the larger: the review shows them. */
  conflicts: CreditGrant[];
}

/**
 * One grant per id. The helpdesk is the system of record: its recorded grant
 * replaces any local state of the same id, even `undone` (the note was written,
 * so the money was granted). A grant written twice to the helpdesk (a retry
 * racing a slow acknowledgement) counts once, at its first note. The same id
 * with a different amount is not a retry: someone wrote a note by hand, and a
 * rep must not shrink their ledger that way, so the larger counts (recorded) and
 * the other is a conflict. Local grants the helpdesk has not seen (pending,
 * committing, undone, failed) stay as they are. Oldest first.
 */
export const mergeLedger = (
  local: readonly CreditGrant[],
  fromHelpdesk: readonly CreditGrant[],
): LedgerMerge => {
  const merged = new Map<string, CreditGrant>();
  for (const grant of [...local].sort(byTime)) {
    if (!merged.has(grant.id)) merged.set(grant.id, grant);
  }
  const seen = new Set<string>();
  const conflicts: CreditGrant[] = [];
  for (const grant of [...fromHelpdesk].sort(byTime)) {
    if (grant.state !== 'recorded') continue;
    const before = merged.get(grant.id);
    // In gateway mode the gateway decides: a note it refused moves nothing and counts nowhere.
    if (before?.gateway?.status === 'refused') continue;
    if (before !== undefined && !sameMoney(before, grant)) {
      const [larger, smaller] =
        grant.amount.amount > before.amount.amount ? [grant, before] : [before, grant];
      const { error: _stale, ...kept } = larger;
      conflicts.push(smaller);
      merged.set(grant.id, { ...kept, state: 'recorded' });
      seen.add(grant.id);
      continue;
    }
    if (seen.has(grant.id)) continue;
    seen.add(grant.id);
    merged.set(grant.id, before?.gateway === undefined ? grant : { ...grant, gateway: before.gateway });
  }
  return { grants: [...merged.values()].sort(byTime), conflicts };
};
