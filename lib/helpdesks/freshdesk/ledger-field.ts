import type { Client } from '../http';
import { FRESHDESK_LEDGER_NAME } from './ledger-name';
import { type FreshdeskTicketFields, freshdeskTicketFields } from './ticket-fields';

/**
 * The ledger field's name, or null when the account has none: the multi-line text
 * (`custom_paragraph`) field Freshdesk names cf_frontline_ledger when an admin labels it
 * "Frontline ledger" (the name is the label in snake case). Only that name: it is the one
 * the content script's allow-list lets a write carry. Any other type cannot hold the
 * lines (a single-line text stops at 255 characters).
 */
export const ledgerFieldIn = (fields: FreshdeskTicketFields): string | null =>
  fields.some((f) => f.type === 'custom_paragraph' && f.name === FRESHDESK_LEDGER_NAME)
    ? FRESHDESK_LEDGER_NAME
    : null;

/** The account's ledger field, from its ticket fields read once an hour (ticket-fields.ts). */
export const freshdeskLedgerField = async (
  client: Client,
  account: string,
  now = Date.now(),
): Promise<string | null> => ledgerFieldIn(await freshdeskTicketFields(client, account, now));
