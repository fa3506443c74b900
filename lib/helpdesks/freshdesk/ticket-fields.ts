import { z } from 'zod';
import { hourlyPerAccount } from '../account-cache';
import { fetchJson } from '../parse';

/**
 * `GET /api/v2/ticket_fields` (developers.freshdesk.com/api/#ticket_fields): every field with
 * its `name` (`cf_…` for custom ones), `label` and `type`. The status field's `choices` map each
 * status number to `[agent label, customer label]` (statuses.ts); other fields' choices have
 * other shapes, so choices stay unknown here.
 */
export const FreshdeskTicketFields = z.array(
  z.object({
    name: z.string(),
    label: z.string().nullish(),
    type: z.string().nullish(),
    choices: z.unknown().optional(),
  }),
);
export type FreshdeskTicketFields = z.output<typeof FreshdeskTicketFields>;

/**
 * The account's ticket fields, read once an hour per account: the custom statuses and the
 * ledger field both come from this one request. A failed read is no fields (a custom
 * status stays 'custom', the ledger is not looked at).
 */
export const freshdeskTicketFields = hourlyPerAccount<FreshdeskTicketFields>(
  async (client) =>
    (await fetchJson(client, { method: 'GET', path: '/api/v2/ticket_fields' }, FreshdeskTicketFields)).data,
  [],
);
