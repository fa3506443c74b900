import { z } from 'zod';

export const HelpdeskKind = z.enum(['zendesk', 'freshdesk']);
export type HelpdeskKind = z.infer<typeof HelpdeskKind>;

/** Helpdesk ids stay strings: Zendesk ids pass 2^32 and must never be rounded. */
export const NumericId = z.string().regex(/^\d{1,20}$/, 'expected a numeric id');

/** `account` is the helpdesk host, e.g. `acme.zendesk.com`. */
export const TicketRef = z.object({
  helpdesk: HelpdeskKind,
  account: z.string().regex(/^[a-z0-9-]+\.(zendesk|freshdesk)\.com$/),
  id: NumericId,
});
export type TicketRef = z.infer<typeof TicketRef>;

export const refKey = (ref: TicketRef): string => `${ref.helpdesk}:${ref.account}:${ref.id}`;

export const sameRef = (a: TicketRef | null, b: TicketRef | null): boolean =>
  a !== null && b !== null && refKey(a) === refKey(b);
