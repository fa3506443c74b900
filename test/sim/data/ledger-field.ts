import type { SimAccount, SimTicketField } from './model';

/**
 * The "Frontline ledger" ticket field an admin creates once (docs/team-index.md): Zendesk a
 * `textarea` field (its key is its id), Freshdesk a `custom_paragraph` field named
 * `cf_frontline_ledger`. Its id follows the account's other custom fields.
 */
const LEDGER_TITLE = 'Frontline ledger';

export function ledgerFieldOf(account: SimAccount): SimTicketField {
  const id = String(Math.max(0, ...account.ticketFields.map((f) => Number(f.id))) + 1);
  const key = account.helpdesk === 'zendesk' ? id : 'cf_frontline_ledger';
  return { id, key, title: LEDGER_TITLE, type: 'textarea', choices: [] };
}

/** Creates the field (on) or deletes it with its values (off); idempotent. */
export function setLedgerField(account: SimAccount, on: boolean): void {
  const existing = account.ticketFields.find((f) => f.title === LEDGER_TITLE && f.type === 'textarea');
  if (on && existing === undefined) account.ticketFields.push(ledgerFieldOf(account));
  if (!on && existing !== undefined) {
    account.ticketFields.splice(account.ticketFields.indexOf(existing), 1);
    for (const ticket of account.tickets.values()) delete ticket.customFields[existing.key];
  }
}
