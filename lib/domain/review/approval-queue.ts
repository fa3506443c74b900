import { z } from 'zod';
import { judgeEntries, type TrustFacts } from '../marker-trust';
import type { Entry } from '../model';
import { NumericId, TicketRef } from '../ticket-ref';

/** A rep's request no approver has decided yet. */
export const PendingRequest = z.object({
  requestId: z.uuid(),
  ticket: TicketRef,
  agentId: NumericId,
  customerId: NumericId,
  amount: z.number().int().positive(),
  currency: z.string(),
  reason: z.string(),
  /** When the request note was written. */
  at: z.string(),
});
export type PendingRequest = z.infer<typeof PendingRequest>;

/**
 * The requests of one ticket's notes that no `approval-decision` note answers.
 * A request written twice (a retry) counts once, at its first note. Only notes
 * that count are read (see judgeMarker): a forged request is not queued, and a
 * decision from someone who may not decide it leaves the request pending.
 */
export function pendingRequests(
  entries: readonly Entry[],
  facts: Omit<TrustFacts, 'requestAgent'>,
): PendingRequest[] {
  const requests = new Map<string, PendingRequest>();
  const decided = new Set<string>();
  for (const { entry, judged } of judgeEntries(entries, facts)) {
    if (!judged.counts) continue;
    const { marker } = judged;
    if (marker.kind === 'approval-request' && !requests.has(marker.id)) {
      requests.set(marker.id, {
        requestId: marker.id,
        ticket: entry.ticket,
        agentId: marker.agent,
        customerId: marker.customer,
        amount: marker.amount,
        currency: marker.currency,
        reason: marker.reason,
        at: entry.createdAt,
      });
    } else if (marker.kind === 'approval-decision') {
      decided.add(marker.request);
    }
  }
  return [...requests.values()].filter((r) => !decided.has(r.requestId));
}
