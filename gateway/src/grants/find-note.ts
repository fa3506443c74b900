import { judgeEntries, type SuspectReason } from '../../../lib/domain/marker-trust';
import { type CreditMarker, findMarker } from '../../../lib/domain/markers';
import type { Entry } from '../../../lib/domain/model';
import type { RefusalCode } from '../../../lib/gateway/protocol';
import { type Refusal, refusal } from './refusal';

export interface FoundNote {
  marker: CreditMarker;
  entry: Entry;
}

const WHY: Record<SuspectReason, RefusalCode> = {
  'author-not-agent': 'not-an-agent',
  // The helpdesk cannot confirm who wrote it (no audit names the author): not the named agent.
  'author-unverified': 'author-mismatch',
  'author-not-named': 'author-mismatch',
  'customer-not-requester': 'customer-mismatch',
  // Only decisions are judged on these; a credit marker never is.
  'not-approver': 'author-mismatch',
  'self-approval': 'author-mismatch',
  'amount-conflict': 'author-mismatch',
};

const creditOf = (entry: Entry, grantId: string): CreditMarker | null => {
  const marker = findMarker(entry.text, true);
  return marker?.kind === 'credit' && marker.id === grantId ? marker : null;
};

/**
 * The credit note of `grantId` among a ticket's entries, judged as lib/domain/marker-trust
 * judges every marker: the helpdesk vouches for the author, the marker's words do not. A copy
 * of a real marker in someone else's note does not hide the real one (the first note that
 * counts wins); with none that counts, the first failing note names the refusal.
 */
export function findCreditNote(
  entries: readonly Entry[],
  grantId: string,
  requesterId: string | null,
): FoundNote | Refusal {
  const judged = judgeEntries(entries, { requesterId }).filter(
    (j) => j.judged.marker.kind === 'credit' && j.judged.marker.id === grantId,
  );
  const counting = judged.find((j) => j.judged.counts);
  if (counting) return { marker: counting.judged.marker as CreditMarker, entry: counting.entry };
  const first = judged[0];
  if (first && !first.judged.counts) {
    const marker = first.judged.marker as CreditMarker;
    return refusal(WHY[first.judged.why], { agentId: marker.agent, amount: marker.amount });
  }
  const publicCopy = entries.flatMap((e) => (e.public ? [creditOf(e, grantId)] : [])).find((m) => m);
  if (publicCopy) return refusal('not-private', { agentId: publicCopy.agent, amount: publicCopy.amount });
  return refusal('note-not-found');
}

export const isRefusal = (value: FoundNote | Refusal): value is Refusal => 'code' in value;
