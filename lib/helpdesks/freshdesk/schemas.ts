import { z } from 'zod';
import { JsonId, JsonTime } from '../parse';

/*
 * Freshdesk API v2 responses. Lists are bare arrays and carry no paging metadata (the
 * `Link` header does). z.object strips unknown fields; the fields we read are strict.
 * Shapes: helpdesk-apis.md §2.3 and the fixtures.
 */

export const FreshdeskTicket = z.object({
  id: JsonId,
  subject: z.string(),
  status: z.number().int(),
  priority: z.number().int(),
  source: z.number().int(),
  created_at: JsonTime,
  updated_at: JsonTime,
  requester_id: JsonId,
  responder_id: JsonId.nullable(),
  group_id: JsonId.nullable(),
  company_id: JsonId.nullish(),
  // Not every list answer is documented to carry tags; a missing list reads as none.
  tags: z.array(z.string()).default([]),
  description_text: z.string().nullish(),
  /** `{cf_…: value}`; read only for the ledger field (ledger-field.ts), so any shape passes here. */
  custom_fields: z.unknown().optional(),
});
export type FreshdeskTicket = z.output<typeof FreshdeskTicket>;

/** `include=requester` adds this to a ticket. */
export const FreshdeskRequester = z.object({
  id: JsonId,
  name: z.string(),
  email: z.string().nullish(),
});

export const FreshdeskTicketWithRequester = FreshdeskTicket.extend({ requester: FreshdeskRequester });

/** For read-merge-write of tags, the current tags must really be there. */
export const FreshdeskTicketTags = z.object({ tags: z.array(z.string()) });

/** For the team index's read-merge-write: the tags and the custom fields as they are now. */
export const FreshdeskTicketIndexState = FreshdeskTicketTags.extend({
  custom_fields: z.unknown().optional(),
});

export const FreshdeskTicketList = z.array(FreshdeskTicket);

export const FreshdeskContact = z.object({
  id: JsonId,
  name: z.string(),
  email: z.string().nullish(),
  company_id: JsonId.nullish(),
});

export const FreshdeskCompany = z.object({ id: JsonId, name: z.string() });

export const FreshdeskConversation = z.object({
  id: JsonId,
  body_text: z.string(),
  private: z.boolean(),
  incoming: z.boolean(),
  user_id: JsonId.nullable(),
  created_at: JsonTime,
});
export type FreshdeskConversation = z.output<typeof FreshdeskConversation>;

export const FreshdeskConversationList = z.array(FreshdeskConversation);

export const FreshdeskAgent = z.object({
  id: JsonId,
  contact: z.object({ name: z.string(), email: z.string().nullish() }),
  group_ids: z.array(JsonId).optional(),
  /** 1 Global, 2 Group, 3 Restricted (helpdesk-apis.md §2.3). */
  ticket_scope: z.number().int().optional(),
});
export type FreshdeskAgent = z.output<typeof FreshdeskAgent>;

export const FreshdeskGroup = z.object({ id: JsonId, name: z.string() });
export const FreshdeskGroupList = z.array(FreshdeskGroup);

/** `GET /search/tickets`: not used for history (no archived tickets, 300 max), read in tests. */
export const FreshdeskSearchTickets = z.object({
  results: z.array(FreshdeskTicket),
  total: z.number().int().nonnegative(),
});
