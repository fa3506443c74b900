import { z } from 'zod';
import { EscalationView } from './escalation-view';
import { CaseStatus } from './model';
import { TicketRef } from './ticket-ref';

const IsoTime = z.iso.datetime({ offset: true });

/** A follow-up note: short enough that 500 pins still fit the storage.sync mirror. */
export const PIN_NOTE_MAX = 280;

/**
 * What moved since the rep last looked. `overdue` means the follow-up date passed
 * and the rep has not opened the case since.
 */
export const FollowChange = z.enum(['customer-replied', 'reported-back', 'status-changed', 'overdue']);
export type FollowChange = z.infer<typeof FollowChange>;

/** The moves a watcher cycle finds in the helpdesk (overdue comes from the clock, not the helpdesk). */
export type MoveChange = Exclude<FollowChange, 'overdue'>;

/** Why a watcher cycle could not check an account; the view turns it into words. */
export const CheckErrorReason = z.enum([
  'signed-out', // no helpdesk tab open and no API token, or the session ended
  'offline', // no answer from the helpdesk
  'forbidden', // 403: this agent may not read these tickets
  'rate-limited', // the helpdesk asked us to slow down
  'server', // 5xx
  'unexpected', // anything else: an answer we could not read
]);
export type CheckErrorReason = z.infer<typeof CheckErrorReason>;

export const CheckError = z.object({
  reason: CheckErrorReason,
  helpdesk: TicketRef.shape.helpdesk,
  account: z.string(),
  /** The helpdesk's status, when there was one. */
  status: z.number().int().nullable(),
});
export type CheckError = z.infer<typeof CheckError>;

/** The current ticket's pin, for the sidebar's toggle. */
export const PinView = z.object({
  ticket: TicketRef,
  pinned: z.boolean(),
  dueAt: IsoTime.nullable(),
  note: z.string(),
});
export type PinView = z.infer<typeof PinView>;

/** One pinned case in "My follow-through". Names are null when not known yet. */
export const FollowItem = z.object({
  ticket: TicketRef,
  subject: z.string().nullable(),
  customerName: z.string().nullable(),
  status: CaseStatus.nullable(),
  rawStatus: z.string().nullable(),
  ownerName: z.string().nullable(),
  escalation: EscalationView.shape.state.nullable(),
  dueAt: IsoTime.nullable(),
  /** The follow-up date has passed (shown whether or not the rep has seen it). */
  overdue: z.boolean(),
  note: z.string(),
  pinnedAt: IsoTime,
  /** The case's last update in the helpdesk, as last checked. */
  updatedAt: IsoTime.nullable(),
  changes: z.array(FollowChange),
  needsAttention: z.boolean(),
  lastCheckedAt: IsoTime.nullable(),
  /** Solved or closed for more than 3 days: the list offers to unpin it. */
  offerUnpin: z.boolean(),
  /** The helpdesk no longer shows this ticket (deleted, or out of this agent's reach). */
  missing: z.boolean(),
});
export type FollowItem = z.infer<typeof FollowItem>;

export const FollowThroughView = z.object({
  /** Needs attention first, then by follow-up date, then the oldest pins. */
  items: z.array(FollowItem),
  lastCheckedAt: IsoTime.nullable(),
  checkError: CheckError.nullable(),
  /** Pins needing attention: the toolbar badge. */
  badgeCount: z.number().int().nonnegative(),
});
export type FollowThroughView = z.infer<typeof FollowThroughView>;

const PinNote = z.string().trim().max(PIN_NOTE_MAX);

/** Commands from the sidebar or the popup. Pinning again updates the date and note. */
export const FollowCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('pin'),
    ticket: TicketRef,
    dueAt: IsoTime.nullable().optional(),
    note: PinNote.optional(),
  }),
  z.object({ type: z.literal('unpin'), ticket: TicketRef }),
  /** The rep opened the case: its changes and an overdue date stop asking for attention. */
  z.object({ type: z.literal('seen'), ticket: TicketRef }),
  z.object({ type: z.literal('check-now') }),
]);
export type FollowCommand = z.infer<typeof FollowCommand>;

/** Popup → background, over the `frontline:popup` port. */
export const PopupToBackground = z.union([z.object({ type: z.literal('hello') }), FollowCommand]);
export type PopupToBackground = z.infer<typeof PopupToBackground>;

/** Background → popup (and the sidebar's follow-through tab). */
export const BackgroundToPopup = z.discriminatedUnion('type', [
  z.object({ type: z.literal('followthrough'), view: FollowThroughView }),
  /** A check is under way (the "Check now" button waits for it). */
  z.object({ type: z.literal('checking'), checking: z.boolean() }),
]);
export type BackgroundToPopup = z.infer<typeof BackgroundToPopup>;

/** What the watcher remembers per pin between cycles (stored in the `meta` table; validated on read). */
export const PinWatch = z.object({
  /** The case's status when the rep last looked; null until the first check. */
  seenStatus: z.string().nullable(),
  /** The `updatedAt` the last classification was made against: unchanged means nothing to fetch. */
  checkedUpdate: z.string().nullable(),
  /** Moves found since the rep last looked; `seen` clears them. */
  moves: z.array(FollowChange.exclude(['overdue'])),
  /** The follow-up date (epoch ms) the rep has already seen overdue. */
  overdueSeen: z.number().nullable(),
  checkedAt: z.number().nullable(),
  missing: z.boolean(),
  subject: z.string().nullable(),
  customerName: z.string().nullable(),
  status: CaseStatus.nullable(),
  rawStatus: z.string().nullable(),
  ownerName: z.string().nullable(),
  escalation: EscalationView.shape.state.nullable(),
  updatedAt: z.string().nullable(),
});
export type PinWatch = z.infer<typeof PinWatch>;

export const emptyWatch = (): PinWatch => ({
  seenStatus: null,
  checkedUpdate: null,
  moves: [],
  overdueSeen: null,
  checkedAt: null,
  missing: false,
  subject: null,
  customerName: null,
  status: null,
  rawStatus: null,
  ownerName: null,
  escalation: null,
  updatedAt: null,
});
