import { memo } from 'preact/compat';
import type { FollowItem } from '../../lib/domain/followthrough';
import type { TicketRef } from '../../lib/domain/ticket-ref';
import { t } from '../../lib/i18n/t';
import { itemModel } from './model/follow';

interface Props {
  items: readonly FollowItem[];
  now: number;
  onOpen: (ticket: TicketRef) => void;
  onUnpin: (ticket: TicketRef) => void;
  timeZone?: string;
}

const keyOf = (ref: TicketRef): string => `${ref.helpdesk}:${ref.account}:${ref.id}`;

interface RowProps {
  item: FollowItem;
  now: number;
  onOpen: (ticket: TicketRef) => void;
  onUnpin: (ticket: TicketRef) => void;
  timeZone?: string | undefined;
}

const Row = memo(function Row({ item, now, onOpen, onUnpin, timeZone }: RowProps) {
  const model = itemModel(item, now, timeZone === undefined ? {} : { timeZone });
  return (
    <li
      class={`fl-ft__item${item.needsAttention ? ' fl-ft__item--attention' : ''}`}
      data-testid="followthrough-item"
      data-ticket={item.ticket.id}
      data-attention={item.needsAttention ? 'true' : 'false'}
    >
      <button
        type="button"
        class="fl-ft__open"
        data-testid="followthrough-open"
        aria-label={t('followthrough_open_label', { subject: model.subject })}
        onClick={() => onOpen(item.ticket)}
      >
        <span class="fl-ft__subject" data-testid="followthrough-subject" dir="auto">
          {model.subject}
        </span>
        <span class="fl-ft__meta">
          <span data-testid="followthrough-customer" dir="auto">
            {model.customer}
          </span>
          {model.status !== null && (
            <span class={`fl-badge fl-badge--${item.status}`} data-testid="followthrough-status">
              {model.status}
            </span>
          )}
        </span>
        <span class="fl-ft__meta">
          <span data-testid="followthrough-owner">{model.owner}</span>
          {model.escalation !== null && (
            <span data-testid="followthrough-escalation">{model.escalation}</span>
          )}
        </span>
        {model.due !== null && (
          <span
            class={`fl-ft__due${item.overdue ? ' fl-ft__due--overdue' : ''}`}
            data-testid="followthrough-due"
          >
            {model.due}
          </span>
        )}
        {item.note !== '' && <span class="fl-ft__note">{item.note}</span>}
        {model.missing !== null && <span class="fl-ft__missing">{model.missing}</span>}
        {model.changes.length > 0 && (
          <span class="fl-ft__changes">
            {model.changes.map((change) => (
              <span
                key={change.label}
                class={`fl-ft__change fl-ft__change--${change.tone}`}
                data-testid="followthrough-change"
              >
                {change.label}
              </span>
            ))}
          </span>
        )}
      </button>
      <div class="fl-ft__side">
        {item.offerUnpin && <span class="fl-ft__offer">{t('followthrough_offer_unpin')}</span>}
        <button
          type="button"
          class="fl-ft__unpin"
          data-testid="followthrough-unpin"
          aria-label={t('followthrough_unpin_label', { subject: model.subject })}
          onClick={() => onUnpin(item.ticket)}
        >
          {t('followthrough_unpin')}
        </button>
      </div>
    </li>
  );
});

/** Pinned cases, those needing the rep first; a click opens the ticket. */
export function FollowThroughList({ items, now, onOpen, onUnpin, timeZone }: Props) {
  if (items.length === 0) {
    return (
      <p class="fl-ft__empty" data-testid="followthrough-list">
        {t('followthrough_empty')}
      </p>
    );
  }
  return (
    <ul class="fl-ft__list" data-testid="followthrough-list" aria-label={t('followthrough_list_label')}>
      {items.map((item) => (
        <Row
          key={keyOf(item.ticket)}
          item={item}
          now={now}
          onOpen={onOpen}
          onUnpin={onUnpin}
          timeZone={timeZone}
        />
      ))}
    </ul>
  );
}
