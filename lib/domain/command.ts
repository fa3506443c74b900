import type { Period } from './policy';
import type { ReviewReason } from './review/failure';
import type { TicketRef } from './ticket-ref';

/**
 * Which of the rep's limits refused a grant, with the figures that word it. The background decides
 * in these terms, language-neutral; the sidebar says them in the rep's language.
 */
export type GrantRefusal =
  | { limit: 'no-policy' | 'invalid-amount' }
  | {
      limit: 'per-grant' | 'per-customer' | 'per-period';
      /** The most that limit allows now, minor units. */
      room: number;
      currency: string;
      /** The policy's period: "left this week". */
      period: Period;
    };

/**
 * What the background answers a command: done, or refused with the message to
 * show (English). A grant refused by a limit also names it, so the sidebar can word it
 * in the rep's language; a review decision or coaching note names its `reason`, which the
 * review page checks with its schema before wording it. Zod-free, so components and the
 * content script may import it.
 */
export type CommandResult =
  | { ok: true }
  | { ok: false; message: string; refusal?: GrantRefusal; reason?: ReviewReason };

/**
 * The answer on the wire: a command's result under the `requestId` it was sent
 * with. A port sends it for every message that carried a `requestId`, refusals
 * (unknown type, malformed payload, wrong sender) included.
 */
export type CommandReply = { type: 'reply'; requestId: string } & CommandResult;

/** Why a command waits: the background has not loaded the ticket (who is signed in, its customer) yet. */
export const NOT_READY = 'Frontline is still loading this ticket: try again in a moment.';

/** A credit to grant; the background re-checks policy and limits and never trusts the amount. */
export interface GrantCommand {
  /** The form's intent id: the grant's idempotency key. */
  grantId: string;
  ticket: TicketRef;
  /** Minor units. */
  amount: number;
  reason: string;
  /** The approval request an approver grants: its credit note names it, so the request is decided once. */
  request?: string;
}

/** A rep asks a manager to grant more than their limits allow. */
export interface ApprovalCommand {
  /** The form's intent id: the approval request's idempotency key. */
  requestId: string;
  ticket: TicketRef;
  /** Minor units. */
  amount: number;
  reason: string;
}

/** Narrows an inbound message to a reply, without zod (the content script shares the port client). */
export function isCommandReply(raw: unknown): raw is CommandReply {
  if (typeof raw !== 'object' || raw === null) return false;
  const m = raw as Record<string, unknown>;
  if (m.type !== 'reply' || typeof m.requestId !== 'string') return false;
  return m.ok === true || (m.ok === false && typeof m.message === 'string');
}

const LIMITS_WITH_ROOM: ReadonlySet<unknown> = new Set(['per-grant', 'per-customer', 'per-period']);
const PERIODS: ReadonlySet<unknown> = new Set(['day', 'week', 'month']);

/** Narrows a reply's `refusal` without zod: anything malformed is shown by its `message` instead. */
export function isGrantRefusal(raw: unknown): raw is GrantRefusal {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  if (r.limit === 'no-policy' || r.limit === 'invalid-amount') return true;
  return (
    LIMITS_WITH_ROOM.has(r.limit) &&
    Number.isSafeInteger(r.room) &&
    typeof r.currency === 'string' &&
    PERIODS.has(r.period)
  );
}
