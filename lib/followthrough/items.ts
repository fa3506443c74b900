import type { PinRow } from '../db/rows';
import type { FollowChange, FollowItem, PinWatch } from '../domain/followthrough';
import { isOverdue, offersUnpin } from './diff';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** One pin as the list shows it; `overdue` is worked out from the clock at view time. */
export function itemOf(pin: PinRow, watch: PinWatch, now: number): FollowItem {
  const current = watch.status === null ? null : { status: watch.status };
  const overdue = isOverdue(pin, current, now);
  const changes: FollowChange[] = [...watch.moves];
  if (overdue && watch.overdueSeen !== pin.dueAt) changes.push('overdue');
  return {
    ticket: pin.ticket,
    subject: watch.subject,
    customerName: watch.customerName,
    status: watch.status,
    rawStatus: watch.rawStatus,
    ownerName: watch.ownerName,
    escalation: watch.escalation,
    dueAt: iso(pin.dueAt),
    overdue,
    note: pin.note,
    pinnedAt: new Date(pin.pinnedAt).toISOString(),
    updatedAt: watch.updatedAt,
    changes,
    needsAttention: changes.length > 0,
    lastCheckedAt: iso(watch.checkedAt),
    offerUnpin:
      watch.status !== null &&
      watch.updatedAt !== null &&
      offersUnpin({ status: watch.status, updatedAt: watch.updatedAt }, now),
    missing: watch.missing,
  };
}

const group = (item: FollowItem): number => (item.needsAttention ? 0 : item.dueAt !== null ? 1 : 2);
const time = (value: string | null): number =>
  value === null ? Number.POSITIVE_INFINITY : Date.parse(value);

/** Needs attention first, then due or overdue (soonest date first), then the oldest pins. */
export const orderItems = (items: readonly FollowItem[]): FollowItem[] =>
  [...items].sort(
    (a, b) =>
      group(a) - group(b) ||
      time(a.dueAt) - time(b.dueAt) ||
      time(a.pinnedAt) - time(b.pinnedAt) ||
      a.ticket.id.localeCompare(b.ticket.id),
  );
