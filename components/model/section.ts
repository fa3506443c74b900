import type { SectionError, SidebarSnapshot } from '../../lib/domain/snapshot';
import type { MessageKey } from '../../lib/i18n/catalogue';
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
type Reason = NonNullable<SectionError['reason']>;

const ERROR_TEXT: Record<Reason['kind'], MessageKey> = {
  'no-answer': 'section_error_no_answer',
  network: 'section_error_network',
  'signed-out': 'section_error_signed_out',
  forbidden: 'section_error_forbidden',
  'not-found': 'section_error_not_found',
  conflict: 'section_error_failed',
  invalid: 'section_error_failed',
  'rate-limited': 'section_error_rate_limited',
  server: 'section_error_server',
  malformed: 'section_error_malformed',
};

const WHAT_TEXT: Record<Reason['subject'], MessageKey> = {
  ticket: 'section_what_ticket',
  requester: 'section_what_requester',
  history: 'section_what_history',
  conversation: 'section_what_conversation',
  audits: 'section_what_audits',
  agents: 'section_what_agents',
  groups: 'section_what_groups',
};

/** The background's reason in the rep's language; its English `message` when it sent none. */
const reasonText = (error: SectionError, translate: typeof t): string => {
  const { reason, status } = error;
  if (!reason) return error.message;
  return translate(ERROR_TEXT[reason.kind], {
    name: reason.name,
    what: translate(WHAT_TEXT[reason.subject]),
    // A status is an id here, not a count: "(403)" in every language's digits.
    status: status === null ? '' : ` (${status})`,
    field:
      reason.kind === 'malformed' && reason.detail
        ? translate('section_error_field', { field: reason.detail })
        : '',
    detail: reason.detail ?? '',
  });
};

export const errorText = (error: SectionError, translate = t): string => {
  const text = reasonText(error, translate);
  return error.status === null || text.includes(`(${error.status})`)
    ? text
    : translate('error_with_status', { message: text, status: String(error.status) });
};

/** The newest refresh across sections, for the offline banner's "saved data from …". */
export const newestUpdate = (snapshot: SidebarSnapshot): number | null => {
  const times = [snapshot.case, snapshot.customer, snapshot.owner, snapshot.escalation, snapshot.history]
    .map((s) => s.updatedAt)
    .filter((at): at is number => at !== null);
  return times.length === 0 ? null : Math.max(...times);
};
