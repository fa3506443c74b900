import type { TicketQuery } from './adapter';
import { HelpdeskError } from './http';

/* Shared by both adapters' searches: tag, days and agent go inside a query string, so only plain values pass. */

const TAG = /^[a-z0-9_]{1,80}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,20}$/;
/** UTC only: an offset or a space would be a second term or a different instant in the query. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

const isDay = (day: string): boolean => DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
/** `Date.parse` rolls 2026-02-30 over to March; a real instant prints back as itself. */
const isInstant = (at: string): boolean =>
  INSTANT.test(at) &&
  !Number.isNaN(Date.parse(at)) &&
  new Date(Date.parse(at)).toISOString().slice(0, 19) === at.slice(0, 19);

export function checkQuery(query: TicketQuery, endpoint: string): void {
  const ok =
    (query.tag === undefined || TAG.test(query.tag)) &&
    (query.assigneeId === undefined || ID.test(query.assigneeId)) &&
    isDay(query.from) &&
    (query.until === undefined || isDay(query.until)) &&
    (query.updatedSince === undefined || isInstant(query.updatedSince)) &&
    (query.updatedBefore === undefined || isInstant(query.updatedBefore));
  if (!ok)
    throw new HelpdeskError(
      'invalid',
      endpoint,
      `${endpoint}: invalid tag, agent, day or instant in a search`,
    );
}

/** The day before `day`: Freshdesk's `:<` includes its day, so an exclusive end is the day before. */
export const dayBefore = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The one lower bound a search needs: the `from` day, or `updatedSince` when it is later.
 * A checked query only (checkQuery first).
 */
export type LowerBound = { day: string } | { instant: string };

export function lowerBound(query: TicketQuery): LowerBound {
  const since = query.updatedSince;
  if (since === undefined || Date.parse(since) < Date.parse(`${query.from}T00:00:00Z`))
    return { day: query.from };
  return { instant: since };
}

/** `2026-12-03T10:00:07.250Z` → `2026-12-03T10:00:07Z`: search compares whole seconds. */
export const toSecond = (instant: string): string => `${instant.slice(0, 19)}Z`;

/** The UTC day an instant falls in: the finest a day-precision search can ask. */
export const dayOf = (instant: string): string => instant.slice(0, 10);
