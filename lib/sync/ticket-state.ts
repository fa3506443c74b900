import type { TicketRef } from '../domain/ticket-ref';
import { idleSections, type SectionStatuses } from './sections';

/** What the sync knows about one ticket in view beside the cache: the parts' statuses and its requester's feed. */
export interface TicketState {
  ref: TicketRef;
  sections: SectionStatuses;
  signedOut: boolean;
  offline: boolean;
  refresh: Promise<void> | null;
  /** The feed of this ticket's requester, once the ticket is cached. */
  feedKey: string | null;
}

export const newTicketState = (ref: TicketRef): TicketState => ({
  ref,
  sections: idleSections(),
  signedOut: false,
  offline: false,
  refresh: null,
  feedKey: null,
});
