import { t } from '../../lib/i18n/t';
import { formatAgo } from './time';

// Below this a count of seconds is noise: "updated just now" reads calmer than "updated 2 sec. ago".
const JUST_NOW_MS = 5000;

/** "updated 12 sec. ago", ticking with `now`. */
export const freshnessText = (updatedAt: number | null, now: number, locale?: string): string => {
  if (updatedAt === null) return t('never_updated');
  if (now - updatedAt < JUST_NOW_MS) return t('updated_just_now');
  return t('updated_ago', { ago: formatAgo(updatedAt, now, locale) });
};
