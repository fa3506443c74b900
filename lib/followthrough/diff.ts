import { markersIn, ofKind } from '../casework/markers-in-entries';
import type { FollowChange, MoveChange } from '../domain/followthrough';
import type { Case, Entry } from '../domain/model';

/** What the watcher compares against: the pin as the rep last saw it. */
export interface SeenPin {
  /** The case's `updatedAt` when the rep last looked (or when it was pinned). */
  lastSeenUpdate: string | null;
  /** Its status then (raw, so Freshdesk custom statuses compare too); null before the first check. */
  seenStatus: string | null;
  /** Follow-up date, epoch ms. */
  dueAt: number | null;
  /** The follow-up date the rep already saw overdue. */
  overdueSeen: number | null;
}

const ms = (iso: string | null): number => (iso === null ? Number.NEGATIVE_INFINITY : Date.parse(iso));

const isDone = (c: Pick<Case, 'status'>): boolean => c.status === 'solved' || c.status === 'closed';

/** The case moved after the rep last looked. */
export const movedSince = (latest: Pick<Case, 'updatedAt'>, since: string | null): boolean =>
  since !== null && ms(latest.updatedAt) > ms(since);

/** The follow-up date has passed on a case still open. */
export const isOverdue = (pin: Pick<SeenPin, 'dueAt'>, latest: Pick<Case, 'status'> | null, now: number) =>
  pin.dueAt !== null && now >= pin.dueAt && (latest === null || !isDone(latest));

/**
 * What moved since the rep last looked. Entries are needed only to tell a
 * customer's reply from a holder's report-back; without them (not fetched) only
 * what the ticket itself shows is known: its status and the clock.
 * A report-back is a strict Frontline marker in an agent's private note, so a
 * customer pasting one into a reply never counts.
 */
export function diffPin(
  pin: SeenPin,
  latest: Case,
  latestEntries: readonly Entry[] | undefined,
  now: number,
): FollowChange[] {
  const changes: FollowChange[] = [];
  const since = ms(pin.lastSeenUpdate);
  const fresh = (latestEntries ?? []).filter((e) => Date.parse(e.createdAt) > since);
  if (fresh.some((e) => e.fromCustomer)) changes.push('customer-replied');
  if (ofKind(markersIn(fresh, latest.requesterId), 'report-back').length > 0) changes.push('reported-back');
  if (pin.seenStatus !== null && latest.rawStatus !== pin.seenStatus) changes.push('status-changed');
  if (isOverdue(pin, latest, now) && pin.overdueSeen !== pin.dueAt) changes.push('overdue');
  return changes;
}

export const movesOf = (changes: readonly FollowChange[]): MoveChange[] =>
  changes.filter((c): c is MoveChange => c !== 'overdue');

/** A solved or closed case untouched for this long offers to be unpinned. */
export const UNPIN_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export const offersUnpin = (latest: Pick<Case, 'status' | 'updatedAt'> | null, now: number): boolean =>
  latest !== null && isDone(latest) && now - Date.parse(latest.updatedAt) > UNPIN_AFTER_MS;
