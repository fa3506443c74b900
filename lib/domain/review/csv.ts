import { formatMoney, minorDigits, toDecimalString } from '../money-format';
import type { ReviewRow } from './review-row';

export const CSV_HEADER = [
  'grant id',
  'agent',
  'customer',
  'helpdesk',
  'account',
  'ticket',
  'amount',
  'currency',
  'amount (formatted)',
  'reason',
  'time',
] as const;

/**
 * One cell: a leading = + - @ (or tab / carriage return) would make a
 * spreadsheet run it as a formula, so such cells get a leading apostrophe;
 * then RFC 4180 quoting when the cell holds a comma, quote or line break.
 */
export const csvCell = (value: string): string => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * One row per grant, CRLF line ends (RFC 4180); the amount column in major
 * units with the currency's own decimals, converted exactly from minor units.
 */
export function toCsv(rows: readonly ReviewRow[], locale = 'en-US'): string {
  const lines = [CSV_HEADER.map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.grantId,
        r.agentName,
        r.customerName,
        r.helpdesk,
        r.account,
        r.ticketId,
        toDecimalString(r.amount, minorDigits(r.currency)),
        r.currency,
        formatMoney({ amount: r.amount, currency: r.currency }, locale),
        r.reason,
        r.at,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
