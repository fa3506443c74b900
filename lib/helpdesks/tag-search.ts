import { HelpdeskError } from './http';

/* Shared by both adapters' tag searches: the tag and day go inside a search query, so only plain values pass. */

const TAG = /^[a-z0-9_]{1,80}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkTagQuery(tag: string, since: string, endpoint: string): void {
  if (!TAG.test(tag) || !DAY.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00Z`))) {
    throw new HelpdeskError('invalid', endpoint, `${endpoint}: invalid tag or day in a search`);
  }
}
