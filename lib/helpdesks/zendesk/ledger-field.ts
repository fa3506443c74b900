import { z } from 'zod';
import { LEDGER_FIELD_LABEL } from '../../domain/grant-index';
import { hourlyPerAccount } from '../account-cache';
import type { Client } from '../http';
import { JsonId } from '../parse';
import { allCursorPages } from './paging';

/**
 * `GET /api/v2/ticket_fields.json` (developer.zendesk.com/api-reference/ticketing/tickets/
 * ticket_fields/, cursor pagination): each field's `id`, `type`, `title` and `active`.
 * Only those are read; a field of another shape is not ours and must not fail the list.
 */
export const ZendeskTicketFieldsPage = z.object({
  ticket_fields: z.array(
    z.object({ id: JsonId, type: z.string(), title: z.string(), active: z.boolean().optional() }),
  ),
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullable() }).optional(),
});
type ZendeskTicketField = z.output<typeof ZendeskTicketFieldsPage>['ticket_fields'][number];

/** The ledger field's id: an active multi-line text (`textarea`) field titled "Frontline ledger", or null. */
export const ledgerFieldIn = (fields: readonly ZendeskTicketField[]): string | null =>
  fields.find((f) => f.type === 'textarea' && f.active !== false && f.title.trim() === LEDGER_FIELD_LABEL)
    ?.id ?? null;

/** The account's ledger field, read once an hour per account; a failed read is no field. */
export const zendeskLedgerField = hourlyPerAccount<string | null>(async (client: Client) => {
  const pages = await allCursorPages(client, '/api/v2/ticket_fields.json', {}, ZendeskTicketFieldsPage);
  return ledgerFieldIn(pages.flatMap((p) => p.ticket_fields));
}, null);
