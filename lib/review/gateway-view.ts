import type { QueueItem, RefusalItem } from '../domain/review/page-data';
import type { ReviewRow } from '../domain/review/review-row';
import type { AccountRef } from '../domain/ticket-ref';
import type { GatewayReview } from '../gateway/protocol';
import { ticketAddress } from './ticket-address';

export interface Namers {
  agent(id: string): string;
  customer(id: string): string;
}

export interface GatewayPart {
  rows: ReviewRow[];
  queue: QueueItem[];
  refusals: RefusalItem[];
}

/**
 * One account's gateway review as the page shows it: the gateway's accepted grants are the
 * rows (its ledger is the one limits were counted in), undecided approvals the queue, and
 * every refusal named with the gateway's code and message. Names come from what this browser
 * already knows (the id otherwise): the view costs the one gateway request.
 */
export function gatewayPart(
  review: GatewayReview,
  account: AccountRef,
  names: Namers,
  currency: string,
): GatewayPart {
  const ref = (id: string) => ({ helpdesk: account.helpdesk, account: account.account, id });
  return {
    rows: review.grants.map((g) => ({
      grantId: g.grantId,
      helpdesk: account.helpdesk,
      account: account.account,
      ticketId: g.ticket,
      agentId: g.agentId,
      agentName: names.agent(g.agentId),
      customerId: g.customerId,
      customerName: names.customer(g.customerId),
      amount: g.amount,
      currency: g.currency,
      reason: g.reason,
      at: g.notedAt,
      solved: null,
    })),
    queue: review.approvals
      .filter((a) => a.decision === null)
      .map((a) => ({
        requestId: a.requestId,
        ticket: ref(a.ticket),
        agentId: a.agentId,
        customerId: a.customerId,
        amount: a.amount,
        currency: a.currency,
        reason: a.reason,
        at: a.requestedAt,
        agentName: names.agent(a.agentId),
        customerName: names.customer(a.customerId),
      })),
    refusals: review.refusals.map((r) => ({
      grantId: r.grantId,
      ticket: ref(r.ticket),
      url: ticketAddress(ref(r.ticket)),
      agentId: r.agentId,
      agentName: r.agentId === null ? null : names.agent(r.agentId),
      amount: r.amount,
      currency,
      code: r.code,
      message: r.message,
      at: r.at,
    })),
  };
}
