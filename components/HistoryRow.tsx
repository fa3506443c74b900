import { memo } from 'preact/compat';
import type { HistoryItem } from '../lib/domain/snapshot';
import { t } from '../lib/i18n/t';
import { Conversation } from './Conversation';
import { channelLabel } from './model/channel';
import type { EntriesState } from './model/entries';
import { formatMoney } from './model/money';
import { formatFull, formatWhen } from './model/time';
import { StatusBadge } from './StatusBadge';

interface Props {
  item: HistoryItem;
  index: number;
  /** The one row in the Tab order (roving tabindex). */
  tabbable: boolean;
  expanded: boolean;
  entries: EntriesState | undefined;
  /** `creditTotal` carries no currency of its own; without one the row says "Credited" and no amount. */
  currency: string | null;
  now: number;
  onToggle: (index: number) => void;
  onRetryEntries: (ticketId: string) => void;
}

/** One earlier ticket: a summary button that expands its conversation below it. */
export const HistoryRow = memo(function HistoryRow({
  item,
  index,
  tabbable,
  expanded,
  entries,
  currency,
  now,
  onToggle,
  onRetryEntries,
}: Props) {
  const c = item.case;
  const panelId = `fl-conv-${c.ref.id}`;
  return (
    <>
      <button
        type="button"
        class="fl-row"
        data-testid="case-history-item"
        data-ticket-id={c.ref.id}
        data-row-index={index}
        tabIndex={tabbable ? 0 : -1}
        aria-expanded={expanded}
        aria-controls={expanded ? panelId : undefined}
        aria-current={item.current ? 'true' : undefined}
        onClick={() => onToggle(index)}
      >
        <span class="fl-row__title">
          <svg class="fl-chevron" viewBox="0 0 10 10" aria-hidden="true">
            <path d="m3 1.5 3.5 3.5L3 8.5" fill="none" stroke="currentColor" stroke-width="1.5" />
          </svg>
          <span class="fl-row__subject" dir="auto">
            {c.subject}
          </span>
          {item.current && <span class="fl-tag fl-tag--current">{t('history_current')}</span>}
          <StatusBadge status={c.status} rawStatus={c.rawStatus} />
        </span>
        <span class="fl-row__meta">
          <span>{t('ticket_number', { id: c.ref.id })}</span>
          <span>{channelLabel(c.channel)}</span>
          <span>{item.assigneeName ?? t('history_unassigned')}</span>
          {item.escalated && <span class="fl-tag fl-tag--escalated">{t('history_escalated')}</span>}
          {c.archived && <span>{t('history_archived')}</span>}
        </span>
        <span class="fl-row__meta">
          <span title={formatFull(c.createdAt)}>
            {t('history_created', { time: formatWhen(c.createdAt, now) })}
          </span>
          <span title={formatFull(c.updatedAt)}>
            {t('history_updated', { time: formatWhen(c.updatedAt, now) })}
          </span>
          {item.creditTotal !== 0 && (
            <span class="fl-amount">
              {currency
                ? t('history_credit', { amount: formatMoney(item.creditTotal, currency) })
                : t('history_credited')}
            </span>
          )}
        </span>
      </button>
      {expanded && (
        <Conversation id={panelId} state={entries} now={now} onRetry={() => onRetryEntries(c.ref.id)} />
      )}
    </>
  );
});
