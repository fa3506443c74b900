import { type AllowRule, allowedBy } from '../allow-rule';
import { anyOf, exact, idOrNull, listOf, literal, text } from '../body-shape';

const ID = '\\d{1,20}';
const p = (pattern: string) => new RegExp(`^/api/v2/${pattern}\\.json$`);

// Zendesk splits tags on whitespace (api.ts checkTag).
const Tag = text(/^\S+$/);

/**
 * The ticket updates api.ts sends, and nothing more: a private comment
 * (`public: false`, never a public reply), or a change of assignee and/or
 * group. Status, requester, custom fields, a public comment: refused.
 */
const TicketUpdate = anyOf(
  exact({ ticket: exact({ comment: exact({ body: text(/^[\s\S]+$/), public: literal(false) }) }) }),
  exact({
    ticket: anyOf(exact({ assignee_id: idOrNull, 'group_id?': idOrNull }), exact({ group_id: idOrNull })),
  }),
);
const Stamp = text(/^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/);
const TagChange = exact({ tags: listOf(Tag, 1) });
/** Adding a tag with the safe update (api.ts zendeskAddTag): the stamp is the ticket's `updated_at`. */
const SafeTagAdd = exact({
  tags: listOf(Tag, 1),
  safe_update: literal(true),
  updated_stamp: Stamp,
});

/** The ledger field's text: grant-index lines only (api.ts zendeskIndexGrants). */
const LedgerText = text(/^[ -~\n]*$/);
const LedgerValue = exact({ id: idOrNull, value: LedgerText });
/** The team index write (api.ts zendeskIndexGrants): tags added, the ledger field, always a safe update. */
const IndexUpdate = exact({
  ticket: exact({
    'additional_tags?': listOf(Tag, 1),
    'custom_fields?': listOf(LedgerValue, 1),
    safe_update: literal(true),
    updated_stamp: Stamp,
  }),
});

/** Exactly the Zendesk requests this adapter makes (see api.ts); everything else is refused. */
export const ZENDESK_RULES: readonly AllowRule[] = [
  { method: 'GET', path: p('users/me') },
  { method: 'GET', path: p(`users/${ID}`) },
  { method: 'GET', path: p('users/show_many') },
  { method: 'GET', path: p(`users/${ID}/tickets/requested`) },
  { method: 'GET', path: p('search') },
  { method: 'GET', path: p('tickets/show_many') },
  { method: 'GET', path: p(`tickets/${ID}`) },
  { method: 'GET', path: p(`tickets/${ID}/audits`) },
  { method: 'GET', path: p('groups') },
  { method: 'GET', path: p(`users/${ID}/groups`) },
  { method: 'GET', path: p('ticket_fields') },
  { method: 'PUT', path: p(`tickets/${ID}`), body: anyOf(TicketUpdate, IndexUpdate) },
  { method: 'PUT', path: p(`tickets/${ID}/tags`), body: SafeTagAdd },
  { method: 'DELETE', path: p(`tickets/${ID}/tags`), body: TagChange },
];

export const zendeskAllows = (method: string, path: string, body: unknown): boolean =>
  allowedBy(ZENDESK_RULES, method, path, body);
