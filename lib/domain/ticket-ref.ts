import { z } from 'zod';
import { HELPDESK_KINDS, platformOfHost } from '../helpdesks/registry';

/*
 * The helpdesks and their account hosts come from lib/helpdesks/registry.ts, a zod-free
 * list of data and pure functions (the only module outside lib/domain it may import), so
 * a new helpdesk is accepted here without naming it.
 */
export const HelpdeskKind = z.enum(HELPDESK_KINDS);
export type HelpdeskKind = z.infer<typeof HelpdeskKind>;

/** Helpdesk ids stay strings: Zendesk ids pass 2^32 and must never be rounded. */
export const NumericId = z.string().regex(/^\d{1,20}$/, 'expected a numeric id');

/** An account host of a registered helpdesk, e.g. `acme.zendesk.com`. */
export const AccountHost = z
  .string()
  .refine(
    (host) => host === host.toLowerCase() && platformOfHost(host) !== null,
    'expected a helpdesk account host',
  );

/** `account` is the helpdesk host, e.g. `acme.zendesk.com`. */
export const TicketRef = z.object({
  helpdesk: HelpdeskKind,
  account: AccountHost,
  id: NumericId,
});
export type TicketRef = z.infer<typeof TicketRef>;

/** The account a client talks to; a TicketRef fits. */
export interface AccountRef {
  helpdesk: HelpdeskKind;
  account: string;
}

export const refKey = (ref: TicketRef): string => `${ref.helpdesk}:${ref.account}:${ref.id}`;

export const sameRef = (a: TicketRef | null, b: TicketRef | null): boolean =>
  a !== null && b !== null && refKey(a) === refKey(b);
