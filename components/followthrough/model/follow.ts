import type {
  CheckError,
  FollowChange,
  FollowItem,
  FollowThroughView,
} from '../../../lib/domain/followthrough';
import { helpdeskName } from '../../../lib/domain/helpdesk';
import type { MessageKey } from '../../../lib/i18n/catalogue';
import { t, tp } from '../../../lib/i18n/t';
import { statusLabel } from '../../model/status';
import { formatAgo, formatWhen, type WhenOptions } from '../../model/time';

export type Tone = 'danger' | 'warn' | 'good' | 'neutral';

const CHANGE: Record<FollowChange, { key: MessageKey; tone: Tone }> = {
  'customer-replied': { key: 'followthrough_change_customer_replied', tone: 'warn' },
  'reported-back': { key: 'followthrough_change_reported_back', tone: 'good' },
  'status-changed': { key: 'followthrough_change_status_changed', tone: 'neutral' },
  overdue: { key: 'followthrough_change_overdue', tone: 'danger' },
};

export const changeBadge = (change: FollowChange): { label: string; tone: Tone } => ({
  label: t(CHANGE[change].key),
  tone: CHANGE[change].tone,
});

const ESCALATION: Record<NonNullable<FollowItem['escalation']>, MessageKey> = {
  none: 'followthrough_esc_none',
  escalated: 'followthrough_esc_escalated',
  updated: 'followthrough_esc_updated',
  'reported-back': 'followthrough_esc_reported_back',
  returned: 'followthrough_esc_returned',
  overdue: 'followthrough_esc_overdue',
};

const ERROR: Record<CheckError['reason'], MessageKey> = {
  'signed-out': 'followthrough_error_signed_out',
  offline: 'followthrough_error_offline',
  forbidden: 'followthrough_error_forbidden',
  'rate-limited': 'followthrough_error_rate_limited',
  server: 'followthrough_error_server',
  unexpected: 'followthrough_error_unexpected',
};

/** Why the watcher could not check, in the rep's words. */
export const checkErrorText = (error: CheckError): string =>
  t(ERROR[error.reason], {
    account: error.account,
    helpdesk: helpdeskName(error.helpdesk),
    status: error.status ?? '?',
  });

const JUST_NOW_MS = 60_000;

/** "Last checked 3 min. ago"; the error, when there is one, is shown beside it. */
export const lastCheckedText = (view: FollowThroughView, now: number, locale?: string): string => {
  if (view.lastCheckedAt === null) return t('followthrough_checked_never');
  const at = Date.parse(view.lastCheckedAt);
  if (now - at < JUST_NOW_MS) return t('followthrough_checked_just_now');
  return t('followthrough_checked_ago', { ago: formatAgo(at, now, locale) });
};

export const badgeLabel = (count: number): string => tp('followthrough_badge_label', count);

export interface ItemModel {
  subject: string;
  customer: string;
  status: string | null;
  owner: string;
  escalation: string | null;
  due: string | null;
  changes: { label: string; tone: Tone }[];
  missing: string | null;
}

export const itemModel = (item: FollowItem, now: number, when: WhenOptions = {}): ItemModel => ({
  subject: item.subject || t('followthrough_unknown_subject', { id: item.ticket.id }),
  customer: item.customerName ?? t('followthrough_unknown_customer'),
  status: item.status === null ? null : statusLabel(item.status, item.rawStatus ?? ''),
  owner:
    item.ownerName === null
      ? t('followthrough_no_owner')
      : t('followthrough_owner', { name: item.ownerName }),
  escalation: item.escalation === null ? null : t(ESCALATION[item.escalation]),
  due:
    item.dueAt === null
      ? null
      : t(item.overdue ? 'followthrough_overdue' : 'followthrough_due', {
          when: formatWhen(item.dueAt, now, when),
        }),
  changes: item.changes.map(changeBadge),
  missing: item.missing ? t('followthrough_missing', { helpdesk: helpdeskName(item.ticket.helpdesk) }) : null,
});

const pad = (n: number): string => String(n).padStart(2, '0');

/** `<input type="date">` shows local days: a due time back to that day. */
export const dateInputValue = (iso: string | null): string => {
  if (iso === null) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** A picked day is due from the start of that day, the rep's own midnight; '' clears it. */
export const dueFromDateInput = (value: string): string | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};
