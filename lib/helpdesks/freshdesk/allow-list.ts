import { type AllowRule, allowedBy } from '../allow-rule';
import { anyOf, exact, idOrNull, listOf, literal, text } from '../body-shape';
import { FRESHDESK_LEDGER_NAME } from './ledger-name';

const ID = '\\d{1,20}';
const p = (pattern: string) => new RegExp(`^/api/v2/${pattern}$`);

/** A note api.ts adds: private, always. */
const PrivateNote = exact({ body: text(/^[\s\S]+$/), private: literal(true) });

/**
 * The ticket updates api.ts sends, and nothing more: the whole tag list (v2
 * has no add-tag call; removing the last tag leaves it empty), or a change of
 * agent (`responder_id`) and/or group. Status, requester, priority: refused.
 */
const TicketUpdate = anyOf(
  exact({ tags: listOf(text(/^[\s\S]+$/)) }),
  // The team index write (api.ts freshdeskIndexGrants): the tags and the ledger field's lines.
  exact({
    tags: listOf(text(/^[\s\S]+$/)),
    custom_fields: exact({ [FRESHDESK_LEDGER_NAME]: text(/^[ -~\n]*$/) }),
  }),
  exact({ responder_id: idOrNull, 'group_id?': idOrNull }),
  exact({ group_id: idOrNull }),
);

/** Exactly the Freshdesk requests this adapter makes (see api.ts); everything else is refused. */
export const FRESHDESK_RULES: readonly AllowRule[] = [
  { method: 'GET', path: p('agents/me') },
  { method: 'GET', path: p(`agents/${ID}`) },
  { method: 'GET', path: p('tickets') },
  { method: 'GET', path: p(`tickets/${ID}`) },
  { method: 'GET', path: p(`tickets/archived/${ID}`) },
  { method: 'GET', path: p(`tickets/${ID}/conversations`) },
  { method: 'GET', path: p(`tickets/archived/${ID}/conversations`) },
  { method: 'GET', path: p(`contacts/${ID}`) },
  { method: 'GET', path: p(`companies/${ID}`) },
  { method: 'GET', path: p('groups') },
  { method: 'GET', path: p('ticket_fields') },
  { method: 'GET', path: p('search/tickets') },
  { method: 'POST', path: p(`tickets/${ID}/notes`), body: PrivateNote },
  { method: 'PUT', path: p(`tickets/${ID}`), body: TicketUpdate },
];

export const freshdeskAllows = (method: string, path: string, body: unknown): boolean =>
  allowedBy(FRESHDESK_RULES, method, path, body);
