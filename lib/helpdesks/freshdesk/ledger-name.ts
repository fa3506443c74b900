/**
 * The name Freshdesk gives a custom field labelled "Frontline ledger" (the label in snake
 * case after `cf_`). Zod-free on its own, so the content script's allow-list can name it.
 */
export const FRESHDESK_LEDGER_NAME = 'cf_frontline_ledger';
