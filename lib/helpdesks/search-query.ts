import type { TicketQuery } from './adapter';
import { HelpdeskError } from './http';

/* Shared by both adapters' searches: tag, days and agent go inside a query string, so only plain values pass. */

const TAG = /^[a-z0-9_]{1,80}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,20}$/;

const isDay = (day: string): boolean => DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));

export function checkQuery(query: TicketQuery, endpoint: string): void {
  const ok =
    (query.tag === undefined || TAG.test(query.tag)) &&
    (query.assigneeId === undefined || ID.test(query.assigneeId)) &&
    isDay(query.from) &&
    (query.until === undefined || isDay(query.until));
  if (!ok) throw new HelpdeskError('invalid', endpoint, `${endpoint}: invalid tag, agent or day in a search`);
}

/** The day before `day`: Freshdesk's `:<` includes its day, so an exclusive end is the day before. */
export const dayBefore = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
