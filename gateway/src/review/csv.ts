import { minorDigits, toDecimalString } from '../../../lib/domain/money-format';
import { csvCell } from '../../../lib/domain/review/csv';
import type { GatewayReview } from '../../../lib/gateway/protocol';

export const GATEWAY_CSV_HEADER = [
  'kind',
  'grant id',
  'agent id',
  'customer id',
  'ticket',
  'amount',
  'currency',
  'amount (minor units)',
  'reason',
  'time',
  'request id',
  'execution',
  'executor',
  'reference',
  'refusal code',
  'message',
] as const;

/**
 * The period as one CSV: every accepted grant with its execution, then every refusal, so a
 * forged grant is in the export as it is in the review. Cells go through the review's
 * `csvCell` (a leading = + - @ is defused, RFC 4180 quoting); CRLF line ends.
 */
export function reviewCsv(review: GatewayReview): string {
  const decimal = (amount: number, currency: string) => toDecimalString(amount, minorDigits(currency));
  const lines: string[][] = [[...GATEWAY_CSV_HEADER]];
  for (const g of review.grants) {
    lines.push([
      'grant',
      g.grantId,
      g.agentId,
      g.customerId,
      g.ticket,
      decimal(g.amount, g.currency),
      g.currency,
      String(g.amount),
      g.reason,
      g.notedAt,
      g.requestId ?? '',
      g.execution.state,
      g.execution.executor ?? '',
      g.execution.reference ?? '',
      '',
      g.execution.error ?? '',
    ]);
  }
  for (const r of review.refusals) {
    lines.push([
      'refusal',
      r.grantId,
      r.agentId ?? '',
      '',
      r.ticket,
      '',
      '',
      r.amount === null ? '' : String(r.amount),
      '',
      r.at,
      '',
      '',
      '',
      '',
      r.code,
      r.message,
    ]);
  }
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
