import type { SectionError, SidebarSnapshot } from '../../lib/domain/snapshot';
import { t } from '../../lib/i18n/t';

/** The parts of a snapshot that load, refresh and fail on their own. */
export type SectionKey = 'case' | 'customer' | 'owner' | 'escalation' | 'history' | 'credit';

export interface SectionState<T> {
  data: T | null;
  refreshing: boolean;
  error: SectionError | null;
  updatedAt: number | null;
}

/**
 * What a section shows: a skeleton before anything arrived, an error with no
 * data, or its data (cached data stays on screen through a refresh or an error).
 */
export type Phase = 'skeleton' | 'failed' | 'ready';

export const phaseOf = <T>(section: SectionState<T> | null | undefined): Phase => {
  if (!section || section.data === null) return section?.error ? 'failed' : 'skeleton';
  return 'ready';
};

/** "Zendesk refused access to this ticket's audits (403)": the status is added unless the message already says it. */
export const errorText = (error: SectionError, translate = t): string =>
  error.status === null || error.message.includes(`(${error.status})`)
    ? error.message
    : translate('error_with_status', { message: error.message, status: error.status });

/** The newest refresh across sections, for the offline banner's "saved data from …". */
export const newestUpdate = (snapshot: SidebarSnapshot): number | null => {
  const times = [snapshot.case, snapshot.customer, snapshot.owner, snapshot.escalation, snapshot.history]
    .map((s) => s.updatedAt)
    .filter((at): at is number => at !== null);
  return times.length === 0 ? null : Math.max(...times);
};
